using Azure.Messaging.ServiceBus;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

[Collection(WorkerCollection.Name)]
public sealed class WorkerRejectionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task
        Malformed_unknown_method_and_missing_dataset_messages_dead_letter_with_reasons_runs_Failed_a_good_run_trains()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var (malformed, unknownMethod, missingDataset, good) =
            (TinyRun.NewRunId("malformed"), TinyRun.NewRunId("method"), TinyRun.NewRunId("dataset"),
                TinyRun.NewRunId("good"));
        await using (var sender = bed.Client.CreateSender(WorkerTestBed.QueueName))
        {
            await sender.SendMessageAsync(new ServiceBusMessage("{ this is not json") { MessageId = malformed });
            await sender.SendMessageAsync(
                TrainingMessage.Create(TinyRun.Request(unknownMethod, method: "no-such-method")));
            await sender.SendMessageAsync(
                TrainingMessage.Create(TinyRun.Request(missingDataset, dataset: "no-such-dataset")));
        }
        await bed.SubmitAsync(TinyRun.Request(good, epochs: 1));
        await bed.StartWorkerAsync("w1");

        await bed.WaitForStateAsync(good, RunState.Succeeded);
        await Eventually.TrueAsync(() => bed.Queue.DeadLetterCount == 3, TimeSpan.FromSeconds(30),
            "three dead letters");

        var deadLetters = bed.Queue.DeadLetters().ToDictionary(m => m.MessageId!);
        AssertRejected(deadLetters[malformed], RequestRejectedException.InvalidRequest, "not valid JSON");
        AssertRejected(deadLetters[unknownMethod], RequestRejectedException.InvalidRequest,
            "'no-such-method' is not a known method");
        AssertRejected(deadLetters[missingDataset], RequestRejectedException.DatasetNotFound,
            "dataset 'no-such-dataset' does not exist");
        foreach (var (runId, reason) in new[] { (malformed, "not valid JSON"), (unknownMethod, "no-such-method"),
            (missingDataset, "no-such-dataset") })
        {
            var status = (await bed.Runs.GetStatusAsync(runId))!.Value;
            Assert.Equal(RunState.Failed, status.State);
            Assert.Contains(reason, status.FailureReason);
        }
        Assert.Equal(0, bed.Queue.ActiveCount + bed.Queue.LockedCount);
    }

    static void AssertRejected(Ssl.ServiceBus.Endpoint.MessageSnapshot message, string reason, string description)
    {
        Assert.Equal(reason, message.DeadLetterReason);
        Assert.Contains(description, message.DeadLetterErrorDescription);
    }
}
