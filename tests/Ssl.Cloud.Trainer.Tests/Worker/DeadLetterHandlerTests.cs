using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

[Collection(WorkerCollection.Name)]
public sealed class DeadLetterHandlerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_dead_lettered_by_the_broker_after_too_many_deliveries_is_marked_Failed_with_its_attempt_history()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite, queue => queue.MaxDeliveryCount = 1);
        var runId = TinyRun.NewRunId("poison");
        await bed.SubmitAsync(TinyRun.Request(runId));
        await bed.Runs.UpdateStatusAsync(runId, s => s.BeginAttempt("crashed-worker", DateTimeOffset.UtcNow));
        await using (var receiver = bed.Client.CreateReceiver(WorkerTestBed.QueueName))
            await receiver.AbandonMessageAsync(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)));
        await Eventually.TrueAsync(() => bed.Queue.DeadLetterCount == 1, TimeSpan.FromSeconds(10), "the broker to dead-letter the message");

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
}
