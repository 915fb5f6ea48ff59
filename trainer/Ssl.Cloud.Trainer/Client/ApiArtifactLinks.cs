namespace Ssl.Cloud.Trainer.Client;

/// <summary>Artifact links from <c>GET /api/runs/{id}/artifacts</c>, optionally <c>?only=</c> one kind.</summary>
public sealed class ApiArtifactLinks(ApiClient api, string runId, string? only) : IArtifactLinkSource
{
    public async Task<IReadOnlyList<ArtifactLink>> GetAsync(CancellationToken ct) =>
        (await api.GetAsync<ArtifactList>($"api/runs/{runId}/artifacts{(only is null ? "" : $"?only={only}")}", ct))
            .Artifacts;
}
