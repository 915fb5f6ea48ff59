using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Commands;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>The pack job end to end, as infra/app/packer.bicep runs it: the real <c>ssl worker --queue pack --once</c>
/// process against Azurite and the Service Bus endpoint packs a committed dataset (200 PNGs of 16x16) and exits 0;
/// a training run on the dataset then reads the shards and not one raw file.</summary>
[Collection(WorkerCollection.Name)]
public sealed class PackJobTests(AzuriteFixture azurite)
{
    const int Images = 200;

    [Fact]
    public async Task The_pack_job_packs_a_committed_dataset_exits_0_and_the_next_run_reads_no_raw_file()
    {
        var requests = new RequestCounter();
        var (store, datasetId) = await UploadedDatasets.UploadAsync(azurite, Images, requests);
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        await using (var sender = bed.Client.CreateSender(PackQueue.DefaultQueueName))
            await new PackQueue(sender).SendAsync(datasetId, DatasetResolver.Resolution);

        var packer = bed.StartWorkerProcess("w-pack", "--queue", WorkerOptions.PackQueue, WorkerCommand.OnceOption);
        var exitCode = await packer.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{packer.Output}");
        var files = (await store.ListPackedFilesAsync(datasetId, DatasetResolver.Resolution)).Select(f => f.Name);
        Assert.Contains(PackIndex.FileName, files);
        Assert.Contains("train-00000.safetensors", files);
        Assert.Contains("test-00000.safetensors", files);
        var manifest = (await store.GetManifestAsync(datasetId))!.Value;
        Assert.Equal(Images, manifest.PackedAt(DatasetResolver.Resolution)!.ImageCount);
        Assert.Equal(0, bed.PackQueue.ActiveCount + bed.PackQueue.LockedCount + bed.PackQueue.DeadLetterCount);

        requests.Clear();
        await bed.StartWorkerAsync("w-train", builder => builder.Services.AddSingleton(store));
        var runId = TinyRun.NewRunId("after-pack");
        var request = TinyRun.Request(runId, epochs: 1, dataset: datasetId);
        await bed.SubmitAsync(request with
        {
            BatchSize = 16,
            HyperParameters = new Dictionary<string, JsonElement>(request.HyperParameters)
            {
                [RequestMapper.KnnK] = JsonSerializer.SerializeToElement(5)
            },
        });
        await bed.WaitForStateAsync(runId, RunState.Succeeded);
        Assert.Equal(0, requests.Count("GET", p => p.Contains($"/{datasetId}/raw/", StringComparison.Ordinal)));
        Assert.True(requests.Count("GET", p => p.Contains($"/{datasetId}/packed/", StringComparison.Ordinal)) > 0,
            "the run did not read the shards through the counted client");
    }
}
