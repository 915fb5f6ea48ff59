namespace Ssl.Cloud.Core.Storage;

public sealed class RunNotFoundException(string runId, Exception? inner = null)
    : Exception($"Run '{runId}' does not exist", inner)
{
    public string RunId { get; } = runId;
}
