using Microsoft.Extensions.Logging;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Renews a run's blob lease every third of its duration for as long as the attempt runs. When the
/// lease is lost (it expired, e.g. after a long stall, and another worker took the run) <see cref="Lost"/> is
/// cancelled, so that this worker stops training a run it no longer owns.</summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    readonly RunLease lease;
    readonly TimeProvider time;
    readonly ILogger log;
    readonly CancellationTokenSource stop = new();
    readonly Task loop;

    public LeaseKeeper(RunLease lease, TimeProvider time, ILogger log)
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
                    log.LogError(e, "Run {RunId}: lease lost; another worker may hold the run", lease.RunId);
                    await Lost.CancelAsync();
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Run {RunId}: lease renewal failed; trying again", lease.RunId);
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
