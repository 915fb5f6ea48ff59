using Microsoft.Extensions.Logging;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Writes the latest progress of a running attempt to <c>status.json</c> every interval (a heartbeat
/// even when nothing moved) and reads the cancel flag from the status that write returns, so one ETag-guarded
/// update per interval does both. The trainer sees the flag as a cancelled token at its next step boundary.</summary>
public sealed class RunHeartbeat : IAsyncDisposable
{
    readonly RunStore runs;
    readonly string runId;
    readonly TimeProvider time;
    readonly ILogger log;
    readonly CancellationTokenSource stop = new();
    readonly Task loop;
    RunProgress? latest;

    public RunHeartbeat(RunStore runs, string runId, TimeSpan interval, TimeProvider time, ILogger log)
    {
        this.runs = runs;
        this.runId = runId;
        this.time = time;
        this.log = log;
        loop = Task.Run(() => LoopAsync(interval));
    }

    public string RunId => runId;

    /// <summary>Cancelled when the run's cancel flag is seen.</summary>
    public CancellationTokenSource CancelRequested { get; } = new();

    /// <summary>Called from the training thread; cheap (the write happens on the heartbeat's own schedule).</summary>
    public void Report(RunProgress progress) => Volatile.Write(ref latest, progress);

    async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
                await BeatAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    async Task BeatAsync(CancellationToken ct)
    {
        try
        {
            var now = time.GetUtcNow();
            var progress = Volatile.Read(ref latest) is { } p ? p with { Heartbeat = now } : null;
            var status = await runs.UpdateStatusAsync(runId, s => s.IsTerminal ? s
                : progress is not null ? s.WithProgress(progress)
                : s with { UpdatedAt = now }, ct);
            if (status.CancelRequested && !CancelRequested.IsCancellationRequested)
            {
                log.LogInformation("Run {RunId}: cancel requested; stopping at the next step", runId);
                await CancelRequested.CancelAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A missed heartbeat is not worth a run: the next one tries again.
            log.LogWarning(e, "Run {RunId}: heartbeat failed", runId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        CancelRequested.Dispose();
    }
}
