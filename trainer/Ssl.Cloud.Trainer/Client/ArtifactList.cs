namespace Ssl.Cloud.Trainer.Client;

/// <summary>The answer to <c>GET /api/runs/{id}/artifacts</c>.</summary>
public sealed record ArtifactList(IReadOnlyList<ArtifactLink> Artifacts);
