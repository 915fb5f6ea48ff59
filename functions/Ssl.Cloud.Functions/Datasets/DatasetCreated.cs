namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The answer to <c>POST /api/datasets</c>.</summary>
public sealed record DatasetCreated(string DatasetId, DateTimeOffset LinksExpireAt, IReadOnlyList<UploadLink> Uploads, string CommitUrl);
