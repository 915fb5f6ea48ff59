using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
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
        // Storage retries may add some.
        Assert.True(RawGets(datasetId) >= 5000, $"{RawGets(datasetId)} raw GETs for 5000 accepted files");
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
        var shard = store.Container.GetBlobClient(
            BlobLayout.DatasetPackedFile(datasetId, DatasetResolver.Resolution, "train-00000.safetensors"));
        var bytes = (await shard.DownloadContentAsync()).Value.Content.ToArray();
        bytes[^1] ^= 0xFF; // same size, one pixel changed: only the hash can tell
        await shard.UploadAsync(new BinaryData(bytes), overwrite: true);

        var e = await Assert.ThrowsAsync<RequestRejectedException>(
            () => NewMachine(store).ResolveAsync(datasetId, CancellationToken.None));
        Assert.Contains($"datasets/{datasetId}/packed/32/train-00000.safetensors", e.Message);
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public async Task A_missing_shard_in_blob_storage_fails_the_run_naming_the_shard()
    {
        var (store, datasetId) = await UploadAsync(200);
        await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        await store.Container.DeleteBlobAsync(
            BlobLayout.DatasetPackedFile(datasetId, DatasetResolver.Resolution, "test-00000.safetensors"));

        var e = await Assert.ThrowsAsync<RequestRejectedException>(
            () => NewMachine(store).ResolveAsync(datasetId, CancellationToken.None));
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
            await store.Container.DeleteBlobAsync(
                BlobLayout.DatasetPackedFile(datasetId, DatasetResolver.Resolution, file.Name));
        await store.UpdateManifestAsync(datasetId, m => m with { Packed = [] });

        requests.Clear();
        await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        Assert.Equal(
            0, requests.Count("PUT", p => p.Contains("/packed/32/train-00000.safetensors", StringComparison.Ordinal)));
        Assert.True(
            requests.Count("PUT", p => p.Contains("/packed/32/test-00000.safetensors", StringComparison.Ordinal)) > 0);
        Assert.NotNull((await store.GetManifestAsync(datasetId))!.Value.PackedAt(DatasetResolver.Resolution));
    }

    [Fact]
    public async Task A_zip_upload_packs_its_accepted_entries_read_by_ranges_of_the_archive_blob()
    {
        var uploaded = await UploadedDatasets.UploadZipAsync(azurite, 150, requests);
        requests.Clear();
        var (store, datasetId) = uploaded;

        var folder = await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);

        Assert.Equal(151, (await store.GetManifestAsync(datasetId))!.Value.PackedAt(32)!.ImageCount);
        using var data = DatasetCatalog.OpenForTraining(folder, null, new DatasetOptions(), 1L << 30);
        Assert.Equal(151, data.TrainCount + data.TestCount); // 150 entries and the loose file of the same path
        Assert.Equal(0, requests.Count("GET", p => p.Contains("/raw/pets.zip/", StringComparison.Ordinal)));
        var archiveGets = requests.Count("GET", p => p.EndsWith("/raw/pets.zip", StringComparison.Ordinal));
        Assert.InRange(archiveGets, 1, 20); // ranged reads of the archive, not one request per entry
    }

    [Fact]
    public async Task A_pack_cancelled_mid_upload_resumes_without_redownloading_or_rewriting_and_equals_a_whole_pack()
    {
        var (store, datasetId) = await UploadAsync(300);
        var work = new TempFolder();
        machines.Add(work);
        using var kill = new CancellationTokenSource();
        // Shards go up in order (train, then test): at the test shard's first request the train shard is written.
        requests.OnRequest = (method, path) =>
        {
            if (method == "PUT" && path.Contains("/packed/32/test-00000.safetensors", StringComparison.Ordinal))
                kill.Cancel();
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Machine(store, work).ResolveAsync(datasetId, kill.Token));
        requests.OnRequest = null;
        Assert.Null((await store.GetManifestAsync(datasetId))!.Value.PackedAt(32));
        var trainShard = await ShardAsync(store, datasetId, "train-00000.safetensors");

        requests.Clear();
        await Machine(store, work).ResolveAsync(datasetId, CancellationToken.None);
        Assert.Equal(0, RawGets(datasetId));
        Assert.Equal(0, requests.Count("PUT", p => p.Contains("/packed/32/train-00000", StringComparison.Ordinal)));
        Assert.True(requests.Count("PUT", p => p.Contains("/packed/32/test-00000", StringComparison.Ordinal)) > 0);
        Assert.Equal(trainShard.ETag, (await ShardAsync(store, datasetId, "train-00000.safetensors")).ETag);
        var resumed = await IndexAsync(store, datasetId);

        // The same dataset packed whole, from scratch, on another machine: the same shards, byte for byte.
        foreach (var file in await store.ListPackedFilesAsync(datasetId, 32))
            await store.Container.DeleteBlobAsync(BlobLayout.DatasetPackedFile(datasetId, 32, file.Name));
        await store.UpdateManifestAsync(datasetId, m => m with { Packed = [] });
        await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        var whole = await IndexAsync(store, datasetId);
        Assert.Equal(Shards(whole), Shards(resumed));
        Assert.Equal(2, Shards(whole).Count);
    }

    [Fact]
    public async Task A_pack_killed_after_a_shard_continues_on_a_fresh_machine_reading_only_the_rest_s_raw_files()
    {
        var (store, datasetId) = await UploadAsync(300);
        await KillAtTheTestShardAsync(store, datasetId);
        var trainShard = await ShardAsync(store, datasetId, "train-00000.safetensors");

        requests.Clear();
        var folder = await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        var rawGets = requests.Paths("GET", p => p.Contains($"/{datasetId}/raw/", StringComparison.Ordinal));
        var pack = PackManifest.Read(folder);
        Assert.True(pack.Test.Count is > 0 and < 300, $"{pack.Test.Count} test images");
        Assert.Equal(pack.Test.Count, rawGets.Count); // the unfinished shard's files, each once
        Assert.Equal(rawGets.Count, rawGets.Distinct().Count());
        Assert.Equal(0, requests.Count("PUT", p => p.Contains("/packed/32/train-00000", StringComparison.Ordinal)));
        Assert.Equal(trainShard.ETag, (await ShardAsync(store, datasetId, "train-00000.safetensors")).ETag);
        Assert.Equal(300, pack.Train.Count + pack.Test.Count);
        var resumed = await IndexAsync(store, datasetId);
        Assert.DoesNotContain(await store.ListPackedFilesAsync(datasetId, 32),
            f => f.Name is PackCheckpoints.PlanFile or PackCheckpoints.ProgressFile);

        // The same dataset packed whole, from scratch, on another machine: the same shards, byte for byte.
        Assert.Equal(await PackedWholeOnAnotherMachineAsync(store, datasetId), Shards(resumed));
    }

    [Fact]
    public async Task A_zip_pack_killed_after_a_shard_continues_on_a_fresh_machine_with_ranged_reads_of_the_archive()
    {
        var (store, datasetId) = await UploadedDatasets.UploadZipAsync(azurite, 300, requests);
        requests.Clear();
        await KillAtTheTestShardAsync(store, datasetId);
        var trainShard = await ShardAsync(store, datasetId, "train-00000.safetensors");

        requests.Clear();
        var folder = await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);

        var pack = PackManifest.Read(folder);
        Assert.Equal(301, pack.Train.Count + pack.Test.Count); // 300 entries and the loose file beside the archive
        Assert.True(pack.Test.Count is > 0 and < 301, $"{pack.Test.Count} test images");
        Assert.Equal(trainShard.ETag, (await ShardAsync(store, datasetId, "train-00000.safetensors")).ETag);
        Assert.Equal(0, requests.Count("PUT", p => p.Contains("/packed/32/train-00000", StringComparison.Ordinal)));
        Assert.Equal(0, requests.Count("GET", p => p.Contains("/raw/pets.zip/", StringComparison.Ordinal)));
        var archiveGets = requests.Count("GET", p => p.EndsWith("/raw/pets.zip", StringComparison.Ordinal));
        Assert.InRange(archiveGets, 1, 20); // ranged reads for the rest's entries, not the archive whole per entry
        var resumed = await IndexAsync(store, datasetId);

        // The same archive packed whole, from scratch, on another machine: the same shards, byte for byte.
        Assert.Equal(await PackedWholeOnAnotherMachineAsync(store, datasetId), Shards(resumed));
    }

    [Fact]
    public async Task A_recorded_plan_naming_a_file_the_manifest_lacks_is_not_continued_but_packed_again_whole()
    {
        var (store, datasetId) = await UploadAsync(300);
        await KillAtTheTestShardAsync(store, datasetId);
        var blob = store.Container.GetBlobClient(BlobLayout.DatasetPackedFile(datasetId, 32, PackCheckpoints.PlanFile));
        var plan = JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!;
        plan["plan"]!["files"]!.AsArray()[^1]!["path"] = "red/gone.png"; // a file still to decode
        await blob.UploadAsync(BinaryData.FromString(plan.ToJsonString()), overwrite: true);

        requests.Clear();
        var folder = await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);

        var pack = PackManifest.Read(folder);
        Assert.Equal(300, pack.Train.Count + pack.Test.Count);
        Assert.Equal(300, RawGets(datasetId));
    }

    /// <summary>Packs on a machine of its own and kills the pack at the test shard's first request: shards go up
    /// as they are written (train, then test), so the train shard and the progress after it are in blob
    /// storage.</summary>
    async Task KillAtTheTestShardAsync(DatasetStore store, string datasetId)
    {
        using var kill = new CancellationTokenSource();
        requests.OnRequest = (method, path) =>
        {
            if (method == "PUT" && path.Contains("/packed/32/test-00000.safetensors", StringComparison.Ordinal))
                kill.Cancel();
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => NewMachine(store).ResolveAsync(datasetId, kill.Token));
        requests.OnRequest = null;
    }

    static async Task<Azure.Storage.Blobs.Models.BlobProperties> ShardAsync(DatasetStore store, string datasetId,
        string name) =>
        (await store.Container.GetBlobClient(BlobLayout.DatasetPackedFile(datasetId, 32, name))
            .GetPropertiesAsync()).Value;

    static async Task<PackIndex> IndexAsync(DatasetStore store, string datasetId)
    {
        using var buffer = new MemoryStream();
        await store.DownloadPackedFileAsync(datasetId, 32, PackIndex.FileName, buffer);
        return PackIndex.Parse(buffer.ToArray(), PackIndex.FileName);
    }

    /// <summary>Deletes every packed file and the manifest's packed mark, packs the dataset again from scratch on a
    /// fresh machine and returns the new pack's shards.</summary>
    async Task<List<PackIndexFile>> PackedWholeOnAnotherMachineAsync(DatasetStore store, string datasetId)
    {
        foreach (var file in await store.ListPackedFilesAsync(datasetId, 32))
            await store.Container.DeleteBlobAsync(BlobLayout.DatasetPackedFile(datasetId, 32, file.Name));
        await store.UpdateManifestAsync(datasetId, m => m with { Packed = [] });
        await NewMachine(store).ResolveAsync(datasetId, CancellationToken.None);
        return Shards(await IndexAsync(store, datasetId));
    }

    // The pack's manifest.json names the local folder it was made in; the shards are the data.
    static List<PackIndexFile> Shards(PackIndex index) =>
        [.. index.Files.Where(f => f.Name.EndsWith(".safetensors", StringComparison.Ordinal))];

    DatasetResolver Machine(DatasetStore store, TempFolder work) =>
        TestPackers.Resolver(store, Options.Create(new WorkerOptions { WorkDirectory = work.Path }));

    int RawGets(string datasetId) =>
        requests.Count("GET", p => p.Contains($"/{datasetId}/raw/", StringComparison.Ordinal));

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
