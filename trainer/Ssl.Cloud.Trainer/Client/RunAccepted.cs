namespace Ssl.Cloud.Trainer.Client;

/// <summary>The answer to <c>POST /api/runs</c>.</summary>
public sealed record RunAccepted(string RunId, string? State);
