namespace Ssl.Cloud.Trainer.Client;

/// <summary>A page of <c>GET /api/runs</c>.</summary>
public sealed record RunList(IReadOnlyList<RunListItem> Runs, string? Continuation);
