using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The answer to <c>POST /api/datasets</c>: where to ask for upload links and where to commit.</summary>
public sealed record DatasetCreated(string DatasetId, DatasetStatus Status, string UploadLinksUrl, string CommitUrl)
{
    public static DatasetCreated From(DatasetManifest manifest) => new(manifest.DatasetId, manifest.Status,
        $"/api/datasets/{manifest.DatasetId}/upload-links", $"/api/datasets/{manifest.DatasetId}/commit");
}
