using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Polly;

namespace Ssl.Cloud.Core.Storage;

/// <summary>A blob lease: while held and renewed, no other worker can take what the blob guards (a run's
/// <c>request.json</c>, a dataset's pack lock). Renew well inside <see cref="Duration"/>; disposing releases it; a
/// crashed holder's lease expires after <see cref="Duration"/>.</summary>
public sealed class BlobLease : IAsyncDisposable
{
    readonly BlobLeaseClient client;
    readonly ResiliencePipeline resilience;
    bool released;

    BlobLease(string name, BlobLeaseClient client, TimeSpan duration, ResiliencePipeline resilience)
    {
        Name = name;
        this.client = client;
        Duration = duration;
        this.resilience = resilience;
    }

    /// <summary>What the lease guards, as logs and errors name it: <c>run 'r1'</c>.</summary>
    public string Name { get; }

    public string LeaseId => client.LeaseId;

    /// <summary>15 to 60 seconds, or infinite.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Takes the lease on <paramref name="blob"/>, or returns null when another holder has it.</summary>
    /// <exception cref="RequestFailedException">404: no such blob.</exception>
    internal static async Task<BlobLease?> TryAcquireAsync(BlobClient blob, string name, TimeSpan duration,
        ResiliencePipeline resilience, CancellationToken ct)
    {
        if (duration != Timeout.InfiniteTimeSpan
            && (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60)))
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                "a blob lease lasts 15 to 60 seconds, or is infinite");
        // One proposed id for all tries: a retry after a lost response re-acquires our own lease.
        var lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
        try
        {
            await resilience.ExecuteAsync(async c => await lease.AcquireAsync(duration, cancellationToken: c), ct);
            return new BlobLease(name, lease, duration, resilience);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

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
            throw new LeaseLostException(Name, e);
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
