namespace Ssl.Cloud.Core.Storage;

/// <summary>The run's lease expired and another worker took it: stop training this run.</summary>
public sealed class LeaseLostException(string runId, Exception? inner = null)
    : Exception($"The lease on run '{runId}' was lost to another holder", inner)
{
    public string RunId { get; } = runId;
}
