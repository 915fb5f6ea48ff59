using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Commands;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

[Collection(WorkerCollection.Name)]
public sealed class DeadLetterHandlerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task
        A_run_dead_lettered_by_the_broker_after_too_many_deliveries_is_marked_Failed_with_its_attempt_history()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite, queue => queue.MaxDeliveryCount = 1);
        var runId = TinyRun.NewRunId("poison");
        await bed.SubmitAsync(TinyRun.Request(runId));
        await bed.Runs.UpdateStatusAsync(runId, s => s.BeginAttempt("crashed-worker", DateTimeOffset.UtcNow));
        await using (var receiver = bed.Client.CreateReceiver(WorkerTestBed.QueueName))
            await receiver.AbandonMessageAsync(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)));
        await Eventually.TrueAsync(() => bed.Queue.DeadLetterCount == 1, TimeSpan.FromSeconds(10),
            "the broker to dead-letter the message");

        using var host = WorkerHost.Build([], b => b.Configuration.AddInMemoryCollection(bed.Settings("w-dlq")));
        var handled = await host.Services.GetRequiredService<DeadLetterHandler>().DrainAsync(CancellationToken.None);

        Assert.Equal(1, handled);
        var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
        Assert.Equal(RunState.Failed, status.State);
        Assert.Contains("MaxDeliveryCountExceeded", status.FailureReason);
        Assert.Contains("crashed-worker", status.FailureReason);
        Assert.Equal(AttemptOutcome.Failed, Assert.Single(status.Attempts).Outcome);
        Assert.Equal(0, bed.Queue.DeadLetterCount);
    }

    [Fact]
    public async Task A_run_dead_lettered_at_max_deliveries_is_Failed_with_the_reason_when_the_next_worker_starts()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite, queue => queue.MaxDeliveryCount = 2);
        var runId = TinyRun.NewRunId("swept");
        await bed.SubmitAsync(TinyRun.Request(runId));
        await using (var receiver = bed.Client.CreateReceiver(WorkerTestBed.QueueName))
        {
            // Two workers that die mid-attempt: each took the message, began an attempt, and never settled it.
            for (var delivery = 1; delivery <= 2; delivery++)
            {
                var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(30));
                Assert.NotNull(message);
                var crashed = $"crashed-{delivery}";
                await bed.Runs.UpdateStatusAsync(runId, s => s.BeginAttempt(crashed, DateTimeOffset.UtcNow));
            }
        }
        await Eventually.TrueAsync(() => bed.Queue.DeadLetterCount == 1, TimeSpan.FromSeconds(30),
            "the broker to dead-letter the message once its locks expired twice");

        var settings = bed.Settings("w-next");
        settings["Worker:ReceiveWait"] = "00:00:01";
        await using var worker = new WorkerProcess(settings, WorkerCommand.Name, WorkerCommand.OnceOption);
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{worker.Output}");
        var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
        Assert.Equal(RunState.Failed, status.State);
        Assert.Contains("MaxDeliveryCountExceeded", status.FailureReason);
        Assert.Contains("crashed-1", status.FailureReason);
        Assert.Contains("crashed-2", status.FailureReason);
        Assert.True(bed.Queue.DeadLetterCount == 0,
            $"{bed.Queue.DeadLetterCount} dead-lettered message(s) left; output:\n{worker.Output}");
    }
}
