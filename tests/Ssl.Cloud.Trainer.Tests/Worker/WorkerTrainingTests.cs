using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Resilience;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Core.Tests.Storage;

namespace Ssl.Cloud.Trainer.Tests.Worker;

[Collection(WorkerCollection.Name)]
public sealed class WorkerTrainingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task
        A_submitted_run_is_trained_to_Succeeded_with_report_checkpoints_and_encoder_in_blobs_and_its_message_completed()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("happy");
        await bed.StartWorkerAsync("w1");

        await bed.SubmitAsync(TinyRun.Request(runId));
        var status = await bed.WaitForStateAsync(runId, RunState.Succeeded);

        var artifacts = (await bed.Runs.ListArtifactsAsync(runId)).Select(a => a.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            BlobLayout.ReportJson, BlobLayout.ReportHtml, "report.md", BlobLayout.EncoderWeights,
            BlobLayout.CheckpointName(1), BlobLayout.CheckpointName(2), BlobLayout.CheckpointName(3),
            BlobLayout.LatestCheckpointFile,
        }, artifacts);
        Assert.Equal(3, (await bed.Runs.GetLatestCheckpointAsync(runId))!.Epoch);
        Assert.Equal(3 * 4, (await bed.StepLossesAsync(runId)).Length);
        var attempt = Assert.Single(status.Attempts);
        Assert.Equal(AttemptOutcome.Succeeded, attempt.Outcome);
        Assert.Equal("w1", attempt.WorkerId);
        Assert.Equal(12, status.Progress?.TotalSteps);
        await Eventually.TrueAsync(() => bed.Queue.ActiveCount + bed.Queue.LockedCount == 0, TimeSpan.FromSeconds(10),
            "the message to be completed");
        Assert.Equal(0, bed.Queue.DeadLetterCount);
    }

    [Fact]
    public async Task The_same_request_sent_ten_times_is_trained_once()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("dup");
        var request = TinyRun.Request(runId, epochs: 1);
        for (var i = 0; i < 10; i++) await bed.SubmitAsync(request);
        await bed.StartWorkerAsync("w1");

        var status = await bed.WaitForStateAsync(runId, RunState.Succeeded);
        await Eventually.TrueAsync(() => bed.Queue.ActiveCount + bed.Queue.LockedCount == 0, TimeSpan.FromSeconds(10),
            "the message to be completed");

        Assert.Single(status.Attempts);
        Assert.Equal(9, bed.Queue.DroppedDuplicateCount);
        Assert.Equal(0, bed.Queue.DeadLetterCount);
    }

    [Fact]
    public async Task A_run_completes_while_a_fifth_of_the_workers_blob_calls_fail()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("faults");
        var faults = new FaultInjectionPolicy(share: 0.2, seed: 11);
        var options = StorageResilience.CreateBlobClientOptions(new StorageResilienceOptions
        {
            SdkMaxRetries = 2, SdkRetryDelay = TimeSpan.FromMilliseconds(20)
        });
        options.AddPolicy(faults, Azure.Core.HttpPipelinePosition.PerRetry);
        await bed.StartWorkerAsync("w1", builder =>
            builder.Services.Replace(
                ServiceDescriptor.Singleton(new BlobServiceClient(azurite.ConnectionString, options))));
        // A fifth of the calls and four epochs (four checkpoint uploads), so that several faults are injected however
        // fast the machine is: with a tenth and two epochs, an idle machine made ~55 blob calls (fewer heartbeats)
        // and the seeded draw hit only 3 faults, under the test's own bound of 5.
        await bed.SubmitAsync(TinyRun.Request(runId, epochs: 4));
        faults.Enabled = true;

        var status = await bed.WaitForStateAsync(runId, RunState.Succeeded);
        faults.Enabled = false;

        Assert.True(faults.Counts.Where(c => c.Key != FaultInjectionPolicy.Fault.None).Sum(c => c.Value) >= 5,
            $"too few faults were injected to mean anything: {string.Join(", ", faults.Counts)}");
        Assert.Single(status.Attempts);
        Assert.Equal(4, (await bed.Runs.GetLatestCheckpointAsync(runId))!.Epoch);
        Assert.Equal(4 * 4, (await bed.StepLossesAsync(runId)).Length);
    }

    [Fact]
    public async Task A_cancel_request_stops_the_run_at_a_step_boundary_as_Cancelled_and_keeps_its_checkpoint()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("cancel");
        await bed.StartWorkerAsync("w1");
        await bed.SubmitAsync(TinyRun.Request(runId, epochs: 30));
        await bed.WaitForCheckpointAsync(runId);

        await bed.Runs.RequestCancelAsync(runId);
        var status = await bed.WaitForStateAsync(runId, RunState.Cancelled);

        var pointer = await bed.Runs.GetLatestCheckpointAsync(runId);
        Assert.NotNull(pointer);
        Assert.True(pointer.Epoch < 30, $"the run went on to epoch {pointer.Epoch}");
        Assert.Contains((await bed.Runs.ListArtifactsAsync(runId)).Select(a => a.Name), n => n == pointer.Path);
        Assert.Equal(AttemptOutcome.Cancelled, Assert.Single(status.Attempts).Outcome);
        await Eventually.TrueAsync(() => bed.Queue.ActiveCount + bed.Queue.LockedCount == 0, TimeSpan.FromSeconds(10),
            "the message to be completed");
        Assert.Equal(0, bed.Queue.DeadLetterCount);
    }
}
