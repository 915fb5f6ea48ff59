namespace Ssl.Cloud.Trainer.Client;

/// <summary>One row of <c>GET /api/runs</c>.</summary>
public sealed record RunListItem(string RunId, string? State, string? DatasetId, string? Method,
    DateTimeOffset? UpdatedAt);
