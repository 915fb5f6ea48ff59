using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Commands;
using Ssl.Cloud.Trainer.Tests.Worker;

namespace Ssl.Cloud.Trainer.Tests.Container;

/// <summary>The CPU trainer image (trainer/Dockerfile, built by trainer/build-cpu-image.sh) run with podman as the
/// Container Apps Job runs it: <c>worker --once</c>, settings in the environment, against Azurite and the Service Bus
/// endpoint on the host network.</summary>
[Collection(WorkerCollection.Name)]
public sealed class TrainerContainerTests(AzuriteFixture azurite) : IClassFixture<TrainerImageFixture>
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    static readonly string[] JobArgs = [WorkerCommand.Name, WorkerCommand.OnceOption];

    [PodmanFact]
    public async Task The_trainer_container_trains_one_queued_run_to_Succeeded_and_exits_0()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("container");
        await bed.SubmitAsync(TinyRun.Request(runId));

        await using var container = TrainerContainer.Start(bed.Settings("c-once"), JobArgs);
        var exitCode = await container.WaitForExitAsync(Patience);

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{container.Output}");
        var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
        Assert.True(status.State == RunState.Succeeded, $"{status.State}; output:\n{container.Output}");
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(status.Attempts).Outcome);
        Assert.Contains(BlobLayout.EncoderWeights, (await bed.Runs.ListArtifactsAsync(runId)).Select(a => a.Name));
        Assert.Equal(0, bed.Queue.ActiveCount + bed.Queue.LockedCount + bed.Queue.DeadLetterCount);
    }

    [PodmanFact]
    public async Task Podman_stop_checkpoints_gives_the_message_back_exits_0_and_the_next_container_resumes()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("container-stop");
        await bed.SubmitAsync(TinyRun.Request(runId, epochs: 20));
        var settings = bed.Settings("c-stopped");
        // The platform waits longer than the worker's own grace period (Container Apps: 30 s against the default 25 s).
        var platformGrace = TimeSpan.Parse(settings["Worker:GracePeriod"]!) + TimeSpan.FromSeconds(10);

        await using (var first = TrainerContainer.Start(settings, JobArgs))
        {
            await bed.WaitForCheckpointAsync(runId);
            var signalled = DateTimeOffset.UtcNow;
            // podman stop sends SIGTERM, waits up to the platform's grace period, then SIGKILLs (exit code 137).
            await first.StopAsync(platformGrace);
            var exitCode = await first.WaitForExitAsync(Patience);

            Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{first.Output}");
            var pointer = (await bed.Runs.GetLatestCheckpointAsync(runId))!;
            Assert.True(pointer.WrittenAt >= signalled.AddSeconds(-1), $"the latest checkpoint ({pointer.Path}) was "
                + $"written at {pointer.WrittenAt:O}, before the stop at {signalled:O}");
            var stopped = (await bed.Runs.GetStatusAsync(runId))!.Value;
            Assert.Equal(RunState.Queued, stopped.State);
            Assert.Equal(AttemptOutcome.Abandoned, Assert.Single(stopped.Attempts).Outcome);
            Assert.Equal(1, Assert.Single(bed.Queue.Messages()).DeliveryCount);
        }

        await using var second = TrainerContainer.Start(bed.Settings("c-resumed"), JobArgs);
        var secondExit = await second.WaitForExitAsync(Patience);

        Assert.True(secondExit == 0, $"exit code {secondExit}; output:\n{second.Output}");
        Assert.Contains("resuming from", second.Output);
        var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
        Assert.Equal(RunState.Succeeded, status.State);
        Assert.Collection(status.Attempts,
            a => Assert.Equal((AttemptOutcome.Abandoned, "c-stopped"), (a.Outcome!.Value, a.WorkerId)),
            a => Assert.Equal((AttemptOutcome.Succeeded, "c-resumed"), (a.Outcome!.Value, a.WorkerId)));
        Assert.Equal(0, bed.Queue.ActiveCount + bed.Queue.LockedCount + bed.Queue.DeadLetterCount);
    }
}
