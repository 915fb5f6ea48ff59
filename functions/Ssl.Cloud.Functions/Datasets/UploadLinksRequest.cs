namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The body of <c>POST /api/datasets/{id}/upload-links</c>: one page of files.</summary>
public sealed record UploadLinksRequest
{
    public List<UploadFile>? Files { get; init; }
}
