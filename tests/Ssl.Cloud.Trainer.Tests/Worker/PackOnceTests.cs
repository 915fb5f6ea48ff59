using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;
using Ssl.Training.Data;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>An uploaded dataset is packed once, from its manifest's accepted files, and every later run (on any
/// machine: each resolver here has a work directory of its own) reads the shards only. The blob client counts
/// every request, as the worker's would see them.</summary>
[Collection(WorkerCollection.Name)]
public sealed class PackOnceTests(AzuriteFixture azurite) : IDisposable
{
    readonly RequestCounter requests = new();
    readonly List<TempFolder> machines = [];

    [Fact]
    public async Task The_second_run_on_an_uploaded_dataset_reads_its_shards_and_not_one_raw_file()
    {
        var (store, datasetId) = await UploadAsync(5000);

        var first = await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        Assert.True(RawGets(datasetId) >= 5000, $"{RawGets(datasetId)} raw GETs for 5000 accepted files"); // retries add some
        Assert.Equal(0, requests.Count("GET", p => p.EndsWith("/raw/late/never.png", StringComparison.Ordinal)));
        var manifest = (await store.GetManifestAsync(datasetId))!.Value;
        Assert.Equal(5000, Assert.Single(manifest.Packed).ImageCount);

        requests.Clear();
        var second = await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        Assert.NotEqual(first, second);
        Assert.Equal(0, RawGets(datasetId));
        using var data = DatasetCatalog.OpenForTraining(second, null, new DatasetOptions(), 1L << 30);
        Assert.Equal(5000, data.TrainCount + data.TestCount);
    }

    [Fact]
    public async Task A_damaged_shard_in_blob_storage_fails_the_run_naming_the_shard()
    {
        var (store, datasetId) = await UploadAsync(200);
        await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        var shard = store.Container.GetBlobClient(BlobLayout.DatasetPackedFile(datasetId, DatasetResolver.Resolution, "train-00000.safetensors"));
        var bytes = (await shard.DownloadContentAsync()).Value.Content.ToArray();
        bytes[^1] ^= 0xFF; // same size, one pixel changed: only the hash can tell
        await shard.UploadAsync(new BinaryData(bytes), overwrite: true);

        var e = await Assert.ThrowsAsync<RequestRejectedException>(() => NewMachine(store).ResolveAsync(datasetId, CancellationToken.None));
        Assert.Contains($"datasets/{datasetId}/packed/32/train-00000.safetensors", e.Message);
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public async Task A_missing_shard_in_blob_storage_fails_the_run_naming_the_shard()
    {
        var (store, datasetId) = await UploadAsync(200);
        await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        await store.Container.DeleteBlobAsync(BlobLayout.DatasetPackedFile(datasetId, DatasetResolver.Resolution, "test-00000.safetensors"));

        var e = await Assert.ThrowsAsync<RequestRejectedException>(() => NewMachine(store).ResolveAsync(datasetId, CancellationToken.None));
        Assert.Contains($"datasets/{datasetId}/packed/32/test-00000.safetensors", e.Message);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public async Task A_pack_killed_before_it_finished_uploads_only_what_it_had_not_written()
    {
        var (store, datasetId) = await UploadAsync(300);
        await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        // As if killed after the first shard: the later files and the mark in the manifest never happened.
        var written = await store.ListPackedFilesAsync(datasetId, DatasetResolver.Resolution);
        foreach (var file in written.Where(f => f.Name != "train-00000.safetensors"))
            await store.Container.DeleteBlobAsync(BlobLayout.DatasetPackedFile(datasetId, DatasetResolver.Resolution, file.Name));
        await store.UpdateManifestAsync(datasetId, m => m with { Packed = [] });

        requests.Clear();
        await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        Assert.Equal(0, requests.Count("PUT", p => p.Contains("/packed/32/train-00000.safetensors", StringComparison.Ordinal)));
        Assert.True(requests.Count("PUT", p => p.Contains("/packed/32/test-00000.safetensors", StringComparison.Ordinal)) > 0);
        Assert.NotNull((await store.GetManifestAsync(datasetId))!.Value.PackedAt(DatasetResolver.Resolution));
    }

    int RawGets(string datasetId) => requests.Count("GET", p => p.Contains($"/{datasetId}/raw/", StringComparison.Ordinal));

    DatasetResolver NewMachine(DatasetStore store)
    {
        var folder = new TempFolder();
        machines.Add(folder);
        var options = Options.Create(new WorkerOptions { WorkDirectory = folder.Path });
        return TestPackers.Resolver(store, options);
    }

    async Task<(DatasetStore Store, string DatasetId)> UploadAsync(int count)
    {
        var uploaded = await UploadedDatasets.UploadAsync(azurite, count, requests);
        requests.Clear();
        return uploaded;
    }

    public void Dispose()
    {
        foreach (var folder in machines) folder.Dispose();
    }
}
