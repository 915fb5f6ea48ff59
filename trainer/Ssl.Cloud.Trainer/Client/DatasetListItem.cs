namespace Ssl.Cloud.Trainer.Client;

/// <summary>One row of <c>GET /api/datasets</c>.</summary>
public sealed record DatasetListItem(string DatasetId, string? Status, int? Files, DateTimeOffset? UpdatedAt);
