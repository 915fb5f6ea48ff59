namespace Ssl.Cloud.Trainer.Client;

/// <summary>Upload links from <c>POST /api/datasets/{id}/upload-links</c>.</summary>
public sealed class ApiUploadLinks(ApiClient api, string datasetId) : IUploadLinkSource
{
    public async Task<IReadOnlyList<UploadLink>> GetAsync(IReadOnlyList<UploadFileInfo> files, CancellationToken ct) =>
        (await api.PostAsync<UploadLinks>($"api/datasets/{datasetId}/upload-links", new { files }, ct)).Links;
}
