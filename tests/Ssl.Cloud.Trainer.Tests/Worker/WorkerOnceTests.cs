using System.Diagnostics;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Commands;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary><c>ssl worker --once</c>, the mode of a Container Apps Job execution: one message, then exit 0.</summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerOnceTests(AzuriteFixture azurite)
{
    static readonly TimeSpan ExitPatience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task With_one_message_worker_once_trains_the_run_completes_the_message_and_exits_0()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("once");
        await bed.SubmitAsync(TinyRun.Request(runId));

        var worker = bed.StartWorkerProcess("w-once", WorkerCommand.OnceOption);
        var exitCode = await worker.WaitForExitAsync(ExitPatience);

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{worker.Output}");
        var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
        Assert.Equal(RunState.Succeeded, status.State);
        var attempt = Assert.Single(status.Attempts);
        Assert.Equal(("w-once", AttemptOutcome.Succeeded), (attempt.WorkerId, attempt.Outcome));
        Assert.Equal(0, bed.Queue.ActiveCount + bed.Queue.LockedCount + bed.Queue.DeadLetterCount);
    }

    [Fact]
    public async Task With_an_empty_queue_worker_once_exits_0_after_the_receive_wait()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var settings = bed.Settings("w-idle");
        settings["Worker:ReceiveWait"] = "00:00:02";

        var clock = Stopwatch.StartNew();
        await using var worker = new WorkerProcess(settings, WorkerCommand.Name, WorkerCommand.OnceOption);
        // Generous: a hang (a receive that never returns) fails here; the log line says the wait was the receive's.
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{worker.Output}");
        Assert.Contains("no message within 00:00:02; exiting", worker.Output);
        Assert.Equal(0, bed.Queue.ActiveCount + bed.Queue.LockedCount);
        Console.WriteLine($"ssl worker --once on an empty queue exited after {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_deadline_shorter_than_the_run_checkpoints_abandons_exits_0_and_the_next_once_finishes_it()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("deadline");
        await bed.SubmitAsync(TinyRun.Request(runId, epochs: DeadlineRun.Epochs));
        var settings = bed.Settings("w-deadline");
        settings["Worker:Deadline"] = DeadlineRun.TrainFor.ToString();

        string firstOutput;
        await using (var first = new WorkerProcess(settings, WorkerCommand.Name, WorkerCommand.OnceOption))
        {
            var exitCode = await first.WaitForExitAsync(ExitPatience);
            firstOutput = first.Output;
            Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{firstOutput}");
            Assert.Contains("reached; stopping", firstOutput);
        }
        var stopped = (await bed.Runs.GetStatusAsync(runId))!.Value;
        var checkpoint = await bed.Runs.GetLatestCheckpointAsync(runId);
        Assert.Equal(RunState.Queued, stopped.State);
        Assert.Equal(AttemptOutcome.Abandoned, Assert.Single(stopped.Attempts).Outcome);
        Assert.True(checkpoint is not null, $"no checkpoint: training had not begun {DeadlineRun.TrainFor} after the "
            + $"worker started (a machine too loaded for this test's timing); output:\n{firstOutput}");
        Assert.True(checkpoint.Step < DeadlineRun.Epochs * DeadlineRun.StepsPerEpoch,
            $"the run finished before its deadline ({checkpoint.Path})");
        Assert.Equal(1, Assert.Single(bed.Queue.Messages()).DeliveryCount);

        var second = bed.StartWorkerProcess("w-resume", WorkerCommand.OnceOption);
        var secondExit = await second.WaitForExitAsync(ExitPatience);

        Assert.True(secondExit == 0, $"exit code {secondExit}; output:\n{second.Output}");
        Assert.Contains($"resuming from {checkpoint.Path}", second.Output);
        var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
        Assert.Equal(RunState.Succeeded, status.State);
        Assert.Collection(status.Attempts,
            a => Assert.Equal((AttemptOutcome.Abandoned, "w-deadline"), (a.Outcome!.Value, a.WorkerId)),
            a => Assert.Equal((AttemptOutcome.Succeeded, "w-resume"), (a.Outcome!.Value, a.WorkerId)));
        Assert.Equal(0, bed.Queue.ActiveCount + bed.Queue.LockedCount + bed.Queue.DeadLetterCount);
    }

    [Fact]
    public async Task A_deadline_that_is_not_positive_is_refused_naming_the_setting()
    {
        var result = await SslProcess.RunWith(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = "UseDevelopmentStorage=true",
            ["ServiceBus__ConnectionString"] =
                "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true",
            ["Worker__Deadline"] = "-00:00:20",
        }, WorkerCommand.Name, WorkerCommand.OnceOption);

        Assert.Equal(CommandErrors.UserError, result.ExitCode);
        Assert.Contains("Worker:Deadline (-00:00:20) must be positive", result.Error);
    }

    /// <summary>A run that cannot finish before its deadline stops it: the stop comes <see cref="TrainFor"/> after the
    /// worker starts, which must leave time for start-up, the 3 s dead-letter sweep, the receive and a first step.
    /// Sized for an idle two-core machine (~1,000 images/s, so a 256-image epoch takes about a quarter of a second,
    /// shared/NOTES-containers.md), with a margin of about twice the load. Under a load average of 40 on two cores an
    /// epoch took 7 to 50 s here: there this test cannot finish within its patience.</summary>
    /// <summary>A run several times longer than the deadline: on an idle fast machine the tiny model trains about
    /// 35 steps a second, and the 400 steps this test once had finished inside a 20-second deadline (CI failed);
    /// 1,000 steps take about 30 s there, against 12 s of deadline that include the worker's start.</summary>
    static class DeadlineRun
    {
        public const int Epochs = 250;
        public const int StepsPerEpoch = 4;
        public static readonly TimeSpan TrainFor = TimeSpan.FromSeconds(12);
    }
}
