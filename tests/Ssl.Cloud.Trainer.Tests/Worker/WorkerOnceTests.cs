using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Commands;
using Ssl.Cloud.Trainer.Worker;

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

    /// <summary>The deadline on a clock of the test's own (<see cref="WorkerDeadline"/>), moved on from the training
    /// thread right after step <see cref="DeadlineRun.StopAfterStep"/>: the worker stops at that step however fast
    /// this machine trains, while its lease, lock and heartbeat keep real time.</summary>
    [Fact]
    public async Task
        At_its_deadline_worker_once_checkpoints_that_step_gives_the_run_back_and_the_next_once_finishes_it()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("deadline");
        await bed.SubmitAsync(TinyRun.Request(runId, epochs: DeadlineRun.Epochs));
        var clock = new FakeTimeProvider();
        IHostApplicationLifetime? lifetime = null;
        bool? stoppedEarly = null, stoppedOnTime = null;
        using var steps = new StepListener(runId);
        steps.AfterStep = step =>
        {
            if (step != DeadlineRun.StopAfterStep) return;
            clock.Advance(DeadlineRun.Deadline - TimeSpan.FromMilliseconds(1));
            stoppedEarly = lifetime!.ApplicationStopping.IsCancellationRequested;
            clock.Advance(TimeSpan.FromMilliseconds(1));
            stoppedOnTime = lifetime.ApplicationStopping.IsCancellationRequested;
        };

        var first = await bed.StartWorkerAsync("w-deadline", builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Worker:Once"] = "true",
                ["Worker:Deadline"] = DeadlineRun.Deadline.ToString(),
            });
            builder.Services.Replace(ServiceDescriptor.Singleton(services =>
            {
                lifetime = services.GetRequiredService<IHostApplicationLifetime>();
                return new WorkerDeadline(services.GetRequiredService<IOptions<WorkerOptions>>(), clock);
            }));
        });
        // As ssl worker does: the worker stops the host (at its deadline, or after its one message).
        await first.WaitForShutdownAsync().WaitAsync(ExitPatience);

        Assert.Equal((false, true), (stoppedEarly, stoppedOnTime));
        var stopped = (await bed.Runs.GetStatusAsync(runId))!.Value;
        Assert.Equal(RunState.Queued, stopped.State);
        Assert.Equal(AttemptOutcome.Abandoned, Assert.Single(stopped.Attempts).Outcome);
        Assert.Equal(DeadlineRun.StopAfterStep, steps.Count);
        var checkpoint = (await bed.Runs.GetLatestCheckpointAsync(runId))!;
        Assert.Equal((DeadlineRun.StopAfterStep, BlobLayout.CheckpointName(1, 2)), (checkpoint.Step, checkpoint.Path));
        Assert.Equal(1, Assert.Single(bed.Queue.Messages()).DeliveryCount);

        var second = bed.StartWorkerProcess("w-resume", WorkerCommand.OnceOption);
        var secondExit = await second.WaitForExitAsync(ExitPatience);

        var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
        // The attempts' details say why an attempt was given back (an error in training is given back too, exit 0).
        var explained = $"status: {ContractJson.SerializeToString(status)}\noutput:\n{second.Output}";
        Assert.True(secondExit == 0, $"exit code {secondExit}; {explained}");
        Assert.Contains($"resuming from {checkpoint.Path}", second.Output);
        Assert.True(status.State == RunState.Succeeded, explained);
        Assert.Collection(status.Attempts,
            a => Assert.Equal((AttemptOutcome.Abandoned, "w-deadline"), (a.Outcome!.Value, a.WorkerId)),
            a => Assert.Equal((AttemptOutcome.Succeeded, "w-resume"), (a.Outcome!.Value, a.WorkerId)));
        Assert.Equal(0, bed.Queue.ActiveCount + bed.Queue.LockedCount + bed.Queue.DeadLetterCount);
    }

    /// <summary>The deadline in real time, in the real executable: it comes while the worker waits for a message
    /// (the receive would wait 10 minutes), so nothing here depends on how fast the machine trains.</summary>
    [Fact]
    public async Task A_deadline_that_comes_while_worker_once_waits_for_a_message_stops_it_with_exit_code_0()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var settings = bed.Settings("w-waiting");
        settings["Worker:ReceiveWait"] = "00:10:00";
        settings["Worker:Deadline"] = "00:00:03";

        var clock = Stopwatch.StartNew();
        await using var worker = new WorkerProcess(settings, WorkerCommand.Name, WorkerCommand.OnceOption);
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{worker.Output}");
        Assert.Contains("deadline 00:00:03 reached; stopping", worker.Output);
        Assert.Contains("stopped before it received a message", worker.Output);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"exited after {clock.Elapsed}, before its deadline");
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

    /// <summary>A run of 40 steps, stopped after its 6th (epoch 2, step 2: a checkpoint part-way through an epoch);
    /// the deadline is an hour on the test's clock, which only the test moves.</summary>
    static class DeadlineRun
    {
        public const int Epochs = 10;
        public const int StopAfterStep = 6;
        public static readonly TimeSpan Deadline = TimeSpan.FromHours(1);
    }
}
