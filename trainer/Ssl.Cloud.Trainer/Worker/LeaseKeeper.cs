using Microsoft.Extensions.Logging;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Renews a blob lease (a run's, a pack's) every third of its duration for as long as the work runs. When
/// the lease is lost (it expired, e.g. after a long stall, and another worker took it) <see cref="Lost"/> is
/// cancelled, so that this worker stops working on what it no longer owns.</summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    readonly BlobLease lease;
    readonly TimeProvider time;
    readonly ILogger log;
    readonly CancellationTokenSource stop = new();
    readonly Task loop;

    public LeaseKeeper(BlobLease lease, TimeProvider time, ILogger log)
    {
        this.lease = lease;
        this.time = time;
        this.log = log;
        loop = Task.Run(LoopAsync);
    }

    public CancellationTokenSource Lost { get; } = new();

    async Task LoopAsync()
    {
        var period = lease.Duration == Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(20) : lease.Duration / 3;
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await lease.RenewAsync(stop.Token);
                }
                catch (LeaseLostException e)
                {
                    log.LogError(e, "Lease on {Leased} lost; another worker may hold it", lease.Name);
                    await Lost.CancelAsync();
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Lease on {Leased}: renewal failed; trying again", lease.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        Lost.Dispose();
    }
}
