namespace Ssl.Cloud.Trainer.Client;

/// <summary>Lists a run's artifacts with fresh read links (the API's <c>artifacts</c>).</summary>
public interface IArtifactLinkSource
{
    Task<IReadOnlyList<ArtifactLink>> GetAsync(CancellationToken ct);
}
