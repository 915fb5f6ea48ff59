using Azure.Core;
using Polly;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Resilience;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Core.Tests.Storage;

/// <summary>Real Azurite behind a Blob SDK whose transport fails a share of the calls: whole
/// operations under the resilience pipeline still complete, with nothing lost or doubled.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FaultInjectionTests(AzuriteFixture azurite)
{
    const int BlockSize = 64 * 1024;

    /// <summary>The production settings (circuit breaker included) with delays shrunk to milliseconds.</summary>
    static StorageResilienceOptions Options() => new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        BreakerBreakDuration = TimeSpan.FromSeconds(1),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromMinutes(2),
        SdkRetryDelay = TimeSpan.FromMilliseconds(5),
    };

    Task<(RunStore Store, FaultInjectionPolicy Faults)> StoreAsync(double share, int seed, ResiliencePipeline? pipeline,
        StorageResilienceOptions settings) =>
        StoreAsync(new FaultInjectionPolicy(share, seed), pipeline, settings);

    async Task<(RunStore Store, FaultInjectionPolicy Faults)> StoreAsync(FaultInjectionPolicy faults,
        ResiliencePipeline? pipeline, StorageResilienceOptions settings)
    {
        var options = StorageResilience.CreateBlobClientOptions(settings);
        options.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        var container = await azurite.CreateContainerAsync("faults", options);
        return (new RunStore(container, pipeline) { BlockSize = BlockSize }, faults);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2026)]
    public async Task A_run_lifecycle_completes_while_a_fifth_of_storage_calls_fail(int seed)
    {
        var (store, faults) = await StoreAsync(share: 0.2, seed, StorageResilience.CreatePipeline(Options()),
            Options());
        var runId = TestData.RunId();
        var checkpoints = Enumerable.Range(1, 3).Select(e => TestData.Bytes(3 * BlockSize + e, seed: e)).ToArray();
        faults.Enabled = true;

        await store.CreateAsync(TestData.Request(runId));
        await using (var lease = await store.TryAcquireLeaseAsync(runId, TimeSpan.FromSeconds(60)))
        {
            Assert.NotNull(lease);
            await store.UpdateStatusAsync(runId,
                s => s.BeginAttempt("worker-a", TestData.Now).MoveTo(RunState.Training, TestData.Now));
            for (var epoch = 1; epoch <= 3; epoch++)
            {
                var progress = new RunProgress
                {
                    Epoch = epoch, Step = epoch * 100, TotalSteps = 300, Loss = 1.0 / epoch,
                    Heartbeat = TestData.Now.AddMinutes(epoch)
                };
                await store.UpdateStatusAsync(runId, s => s.WithProgress(progress));
                await store.UploadCheckpointAsync(runId, epoch, epoch * 100, new MemoryStream(checkpoints[epoch - 1]));
                await lease.RenewAsync();
            }
            await store.WriteArtifactAsync(runId, BlobLayout.ReportJson, new MemoryStream("{}"u8.ToArray()),
                "application/json");
            await store.UpdateStatusAsync(runId,
                s => s.MoveTo(RunState.Evaluating, TestData.Now).Succeed(TestData.Now.AddHours(1)));
        }
        var latest = await store.GetLatestCheckpointAsync(runId);
        var downloaded = new MemoryStream();
        await store.DownloadCheckpointAsync(runId, latest!, downloaded);
        var artifacts = await store.ListArtifactsAsync(runId);
        faults.Enabled = false;

        var status = (await store.GetStatusAsync(runId))!.Value;
        Assert.Equal(RunState.Succeeded, status.State);
        Assert.Equal(3, status.Progress!.Epoch);
        Assert.Single(status.Attempts);
        Assert.Equal(300, latest!.Step);
        Assert.Equal(checkpoints[2], downloaded.ToArray());
        Assert.Equal(5, artifacts.Count); // 3 checkpoints, latest.json, report.json
        Assert.NotNull(await store.TryAcquireLeaseAsync(runId, TimeSpan.FromSeconds(15))); // released despite faults
        Assert.All(Enum.GetValues<FaultInjectionPolicy.Fault>(),
            f => Assert.True(faults.Counts[f] > 0, $"no {f} was injected"));
    }

    [Fact]
    public async Task Without_any_retry_the_same_faults_reach_the_caller()
    {
        var (store, faults) = await StoreAsync(share: 0.2, seed: 42, pipeline: null,
            new StorageResilienceOptions { SdkMaxRetries = 0 });
        var runId = TestData.RunId();
        await store.CreateAsync(TestData.Request(runId));
        faults.Enabled = true;

        var failures = 0;
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            try
            {
                await store.UploadCheckpointAsync(runId, epoch, epoch,
                    new MemoryStream(TestData.Bytes(3 * BlockSize, epoch)));
            }
            catch (Exception e) when (TransientStorageFaults.IsTransient(e))
            {
                failures++;
            }
        }

        Assert.True(failures > 0, "no operation failed: the injected faults did not reach the caller");
    }

    [Fact]
    public async Task With_the_sdk_retries_off_the_pipeline_alone_carries_manifest_reads_through_half_of_calls_failing()
    {
        var faults = new FaultInjectionPolicy(share: 0.5, seed: 7);
        var options = StorageResilience.CreateBlobClientOptions(new StorageResilienceOptions { SdkMaxRetries = 0 });
        options.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        var pipeline = StorageResilience.CreatePipeline(new StorageResilienceOptions
        {
            // Half of all calls failing is an outage: the default breaker would rightly open.
            MaxRetryAttempts = 20, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50),
            BreakerFailureRatio = 0.9,
        });
        var store = new DatasetStore(await azurite.CreateContainerAsync("faults", options), pipeline);
        await store.WriteManifestAsync(DatasetManifest.FromValidation("pets", [], [], TestData.Now), ifMatch: null);
        faults.Enabled = true;

        for (var i = 0; i < 10; i++)
            Assert.Equal("pets", (await store.GetManifestAsync("pets"))!.Value.DatasetId);

        Assert.True(faults.Counts.Where(c => c.Key != FaultInjectionPolicy.Fault.None).Sum(c => c.Value) >= 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task A_status_write_whose_answer_was_lost_is_not_applied_twice(int sdkRetries)
    {
        // The first write of status.json reaches the server; the connection drops before the answer.
        var dropped = 0;
        var faults = new FaultInjectionPolicy(
            m => m.Request.Method == Azure.Core.RequestMethod.Put && m.Request.Uri.Path.EndsWith("/status.json")
            && Interlocked.Increment(ref dropped) == 1
                ? FaultInjectionPolicy.Fault.ResetAfterApply
                : FaultInjectionPolicy.Fault.None);
        var settings = Options();
        settings.SdkMaxRetries = sdkRetries;
        var (store, _) = await StoreAsync(faults, StorageResilience.CreatePipeline(settings), settings);
        var runId = TestData.RunId();
        await store.CreateAsync(TestData.Request(runId));
        faults.Enabled = true;

        var result = await store.UpdateStatusAsync(runId, s => s.BeginAttempt("worker-a", TestData.Now));

        var stored = (await store.GetStatusAsync(runId))!.Value;
        Assert.True(dropped >= 1, "no write of status.json was dropped");
        Assert.Single(stored.Attempts);
        Assert.Equal(ContractJson.SerializeToString(result), ContractJson.SerializeToString(stored));
    }

    [Fact]
    public async Task A_replace_whose_answer_was_lost_reports_success_not_a_conflict_with_itself()
    {
        var dropped = 0;
        var faults = new FaultInjectionPolicy(
            m => m.Request.Method == Azure.Core.RequestMethod.Put && m.Request.Uri.Path.EndsWith("/status.json")
            && Interlocked.Increment(ref dropped) == 1
                ? FaultInjectionPolicy.Fault.ResetAfterApply
                : FaultInjectionPolicy.Fault.None);
        var (store, _) = await StoreAsync(faults, StorageResilience.CreatePipeline(Options()), Options());
        var runId = TestData.RunId();
        await store.CreateAsync(TestData.Request(runId));
        var read = (await store.GetStatusAsync(runId))!;
        faults.Enabled = true;

        var written = await store.ReplaceStatusAsync(read.Value.BeginAttempt("worker-a", TestData.Now), read.ETag);

        Assert.Equal(written.ETag, (await store.GetStatusAsync(runId))!.ETag);
    }
}
