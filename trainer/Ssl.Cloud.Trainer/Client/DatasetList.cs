namespace Ssl.Cloud.Trainer.Client;

/// <summary>A page of <c>GET /api/datasets</c>.</summary>
public sealed record DatasetList(IReadOnlyList<DatasetListItem> Datasets, string? Continuation);
