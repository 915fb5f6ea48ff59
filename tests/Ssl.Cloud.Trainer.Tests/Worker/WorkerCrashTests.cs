using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>Workers that die or are stopped mid-run: <c>ssl worker</c> child processes, SIGKILLed or
/// SIGTERMed.</summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerCrashTests(AzuriteFixture azurite)
{
    const int Epochs = 6;
    const int StepsPerEpoch = 4;

    [Fact]
    public async Task
        A_killed_workers_run_resumes_on_the_next_worker_from_its_last_checkpoint_with_an_uninterrupted_runs_loss_curve()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var reference = TinyRun.NewRunId("uninterrupted");
        var referenceWorker = await bed.StartWorkerAsync("w-reference");
        await bed.SubmitAsync(TinyRun.Request(reference, Epochs));
        await bed.WaitForStateAsync(reference, RunState.Succeeded);
        await WorkerTestBed.StopWorkerAsync(referenceWorker);

        var runId = TinyRun.NewRunId("killed");
        var first = bed.StartWorkerProcess("w-killed");
        await bed.SubmitAsync(TinyRun.Request(runId, Epochs));
        await bed.WaitForCheckpointAsync(runId);
        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var atKill = (await bed.Runs.GetLatestCheckpointAsync(runId))!;
        Assert.True(atKill.Step < Epochs * StepsPerEpoch,
            $"the run had finished before the kill; output:\n{first.Output}");

        using var steps = new StepCounter(runId);
        await bed.StartWorkerAsync("w-next");
        var status = await bed.WaitForStateAsync(runId, RunState.Succeeded);

        Assert.Equal(Epochs * StepsPerEpoch - atKill.Step, steps.Count);
        Assert.Equal(await bed.StepLossesAsync(reference), await bed.StepLossesAsync(runId));
        Assert.Collection(status.Attempts,
            a => Assert.Equal((AttemptOutcome.Lost, "w-killed"), (a.Outcome!.Value, a.WorkerId)),
            a => Assert.Equal((AttemptOutcome.Succeeded, "w-next"), (a.Outcome!.Value, a.WorkerId)));
        await Eventually.TrueAsync(() => bed.Queue.ActiveCount + bed.Queue.LockedCount == 0, TimeSpan.FromSeconds(10),
            "the message to be completed");
        Assert.Equal(0, bed.Queue.DeadLetterCount);
    }

    [Fact]
    public async Task On_SIGTERM_a_worker_checkpoints_gives_the_message_back_and_exits_0_within_its_grace_period()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("sigterm");
        var worker = bed.StartWorkerProcess("w-term");
        await bed.SubmitAsync(TinyRun.Request(runId, epochs: 50));
        await bed.WaitForCheckpointAsync(runId);

        var signalled = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        worker.Terminate();
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var elapsed = clock.Elapsed;

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{worker.Output}");
        Assert.True(elapsed < TimeSpan.Parse(bed.Settings("w")["Worker:GracePeriod"]!), $"took {elapsed} to exit");
        var pointer = (await bed.Runs.GetLatestCheckpointAsync(runId))!;
        Assert.True(pointer.WrittenAt >= signalled.AddSeconds(-1),
            $"the latest checkpoint ({pointer.Path}) was written at {pointer.WrittenAt:O}, before SIGTERM at " +
            $"{signalled:O}");
        var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
        Assert.Equal(RunState.Queued, status.State);
        Assert.Equal(AttemptOutcome.Abandoned, Assert.Single(status.Attempts).Outcome);
        await Eventually.TrueAsync(() => bed.Queue.ActiveCount == 1, TimeSpan.FromSeconds(10),
            "the message to be available again");
        Assert.Equal(1, Assert.Single(bed.Queue.Messages()).DeliveryCount);
    }

    /// <summary>Counts the worker's <c>ssl.worker.steps</c> measurements of one run in this process.</summary>
    sealed class StepCounter : IDisposable
    {
        readonly MeterListener listener = new();
        int count;

        public StepCounter(string runId)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == WorkerMetrics.MeterName && instrument.Name == "ssl.worker.steps")
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "run.id" && (string?)tag.Value == runId) Interlocked.Add(ref count, (int)value);
            });
            listener.Start();
        }

        public int Count => Volatile.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}
