using Azure;
using Azure.Storage.Blobs.Specialized;
using Polly;

namespace Ssl.Cloud.Core.Storage;

/// <summary>A blob lease on a run's <c>request.json</c>: while held and renewed, no other worker
/// can take the run. Renew well inside <see cref="Duration"/>; disposing releases it.</summary>
public sealed class RunLease : IAsyncDisposable
{
    readonly BlobLeaseClient client;
    readonly ResiliencePipeline resilience;
    bool released;

    internal RunLease(string runId, BlobLeaseClient client, TimeSpan duration, ResiliencePipeline resilience)
    {
        RunId = runId;
        this.client = client;
        Duration = duration;
        this.resilience = resilience;
    }

    public string RunId { get; }
    public string LeaseId => client.LeaseId;

    /// <summary>15 to 60 seconds, or infinite.</summary>
    public TimeSpan Duration { get; }

    /// <exception cref="LeaseLostException">The lease expired and another worker holds it now.</exception>
    public async Task RenewAsync(CancellationToken ct = default)
    {
        try
        {
            await resilience.ExecuteAsync(
                async c => await client.RenewAsync(cancellationToken: c), ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new LeaseLostException(RunId, e);
        }
    }

    /// <summary>Releases the lease; a lease already expired or taken by another is nothing to release.</summary>
    public async Task ReleaseAsync(CancellationToken ct = default)
    {
        if (released) return;
        try
        {
            await resilience.ExecuteAsync(
                async c => await client.ReleaseAsync(cancellationToken: c), ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
        }
        released = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync();
        }
        catch (Exception e) when (e is RequestFailedException or Polly.CircuitBreaker.BrokenCircuitException
                                      or Polly.Timeout.TimeoutRejectedException or IOException)
        {
            // The lease expires on its own after Duration; disposal must not hide the real error.
        }
    }
}
