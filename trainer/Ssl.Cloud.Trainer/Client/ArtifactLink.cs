namespace Ssl.Cloud.Trainer.Client;

/// <summary>One file of a run with a read-only link (<c>GET /api/runs/{id}/artifacts</c>).</summary>
public sealed record ArtifactLink(string Name, long SizeBytes, string? ContentMd5, Uri? Url, DateTimeOffset? ExpiresAt);
