using System.Diagnostics;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Commands;
using Ssl.Cloud.Trainer.Tests.Client;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>Workers that die or are stopped mid-run: <c>ssl worker</c> child processes, SIGKILLed, SIGABRTed or
/// SIGTERMed.</summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerCrashTests(AzuriteFixture azurite)
{
    const int Epochs = 6;
    const int StepsPerEpoch = 4;

    /// <summary>The worker process is killed while it uploads its second checkpoint (its storage goes through a proxy,
    /// which holds that request until the process is gone): the first checkpoint and latest.json are complete, the
    /// second is not, however fast this machine trains. SIGKILL is <c>kill -9</c>; SIGABRT is how a native crash in
    /// the trainer (LibTorch's abort() on a double free) ends the process.</summary>
    [Theory]
    [InlineData("KILL", 137)]
    [InlineData("ABRT", 134)]
    public async Task
        A_killed_workers_run_resumes_on_the_next_worker_from_its_last_checkpoint_with_an_uninterrupted_runs_loss_curve(
            string signal, int exitCode)
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var reference = TinyRun.NewRunId("uninterrupted");
        var referenceWorker = await bed.StartWorkerAsync("w-reference");
        await bed.SubmitAsync(TinyRun.Request(reference, Epochs));
        await bed.WaitForStateAsync(reference, RunState.Succeeded);
        await WorkerTestBed.StopWorkerAsync(referenceWorker);

        var runId = TinyRun.NewRunId("killed");
        await using var proxy = new BlobProxy(azurite.CreateServiceClient().Uri);
        var settings = bed.Settings("w-killed");
        settings["Storage:ConnectionString"] = proxy.ConnectionString;
        // No crash dump on SIGABRT, whatever this machine's environment asks for.
        settings["DOTNET_DbgEnableMiniDump"] = "0";
        await using var first = new WorkerProcess(settings, WorkerCommand.Name);
        var secondCheckpoint = $"/{BlobLayout.RunsContainer}/{runId}/{BlobLayout.CheckpointName(2)}";
        var killed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        proxy.OnRequest = (method, path) =>
        {
            if (method != "PUT" || !path.EndsWith(secondCheckpoint, StringComparison.Ordinal)
                || killed.Task.IsCompleted) return;
            first.Signal(signal);
            killed.TrySetResult(first.WaitForExitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult());
        };
        await bed.SubmitAsync(TinyRun.Request(runId, Epochs));

        var killedWith = await killed.Task.WaitAsync(WorkerTestBed.Patience);
        proxy.OnRequest = null;
        Assert.True(killedWith == exitCode, $"exit code {killedWith}, not {exitCode}; output:\n{first.Output}");
        var atKill = (await bed.Runs.GetLatestCheckpointAsync(runId))!;
        Assert.Equal((StepsPerEpoch, BlobLayout.CheckpointName(1)), (atKill.Step, atKill.Path));

        using var steps = new StepListener(runId);
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
}
