namespace Ssl.Cloud.Trainer.Client;

/// <summary>Hands out upload links for a page of files (the API's <c>upload-links</c>).</summary>
public interface IUploadLinkSource
{
    Task<IReadOnlyList<UploadLink>> GetAsync(IReadOnlyList<UploadFileInfo> files, CancellationToken ct);
}
