namespace Ssl.Cloud.Trainer.Client;

/// <summary>The answer to <c>POST /api/datasets</c>.</summary>
public sealed record DatasetCreated(string DatasetId, string Status);
