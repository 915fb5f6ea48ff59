namespace Ssl.Cloud.Core.Storage;

/// <summary>A run with this id exists with a different request. (The same request again is not
/// an error: creating a run is idempotent.)</summary>
public sealed class RunAlreadyExistsException(string runId)
    : Exception($"Run '{runId}' already exists with a different request; requests are immutable")
{
    public string RunId { get; } = runId;
}
