namespace Ssl.Cloud.Functions.Runs;

/// <summary>The answer to <c>GET /api/runs/{id}/artifacts</c>.</summary>
public sealed record ArtifactList(string RunId, DateTimeOffset LinksExpireAt, IReadOnlyList<ArtifactLink> Artifacts);
