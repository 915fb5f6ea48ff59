using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>One packer at a time: two workers that need the same dataset's pack at once (the pack job and a training
/// run) download its raw files once between them, and a pack whose holder crashed is taken over when the holder's
/// lease expires. Each resolver has a work directory of its own, as on two machines.</summary>
[Collection(WorkerCollection.Name)]
public sealed class PackLeaseTests(AzuriteFixture azurite) : IDisposable
{
    const int Images = 300;
    readonly RequestCounter requests = new();
    readonly List<TempFolder> machines = [];

    [Fact]
    public async Task Two_packers_at_once_download_each_raw_file_once_and_the_second_reads_the_first_ones_shards()
    {
        var (store, datasetId) = await UploadAsync();
        var (first, second) = (NewMachine(), NewMachine());

        var folders = await Task.WhenAll(
            Resolver(store, first).ResolveAsync(datasetId, CancellationToken.None),
            Resolver(store, second).ResolveAsync(datasetId, CancellationToken.None));

        var rawGets = requests.Paths("GET", p => p.Contains($"/{datasetId}/raw/", StringComparison.Ordinal));
        Assert.Equal(Images, rawGets.Count);
        Assert.Equal(Images, rawGets.Distinct().Count());
        // Only one machine packed: the other never made a raw folder.
        Assert.Single(new[] { first, second }, m => Directory.Exists(RawFolder(m, datasetId)));
        var shards = Directory.GetFiles(folders[0], "*.safetensors").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, shards.Count);
        Assert.Equal(shards, Directory.GetFiles(folders[1], "*.safetensors").Select(Path.GetFileName).Order());
        foreach (var shard in shards)
            Assert.Equal(File.ReadAllBytes(Path.Combine(folders[0], shard!)),
                File.ReadAllBytes(Path.Combine(folders[1], shard!)));
        Assert.Equal(Images, Assert.Single((await store.GetManifestAsync(datasetId))!.Value.Packed).ImageCount);
    }

    [Fact]
    public async Task A_pack_whose_holder_crashed_waits_for_the_lease_to_expire_and_is_then_taken_over()
    {
        var (store, datasetId) = await UploadAsync();
        // The crashed holder: a lease taken and never renewed nor released.
        var crashed = await store.TryAcquirePackLeaseAsync(datasetId, 32, TimeSpan.FromSeconds(15));
        Assert.NotNull(crashed);

        var pack = Resolver(store, NewMachine()).ResolveAsync(datasetId, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(pack.IsCompleted, "the packer did not wait for the lease holder");
        Assert.Equal(0, requests.Count("GET", p => p.Contains($"/{datasetId}/raw/", StringComparison.Ordinal)));

        await pack.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(Images, (await store.GetManifestAsync(datasetId))!.Value.PackedAt(32)!.ImageCount);
        await Assert.ThrowsAsync<LeaseLostException>(() => crashed.RenewAsync());
    }

    [Fact]
    public async Task A_packer_that_stalls_until_another_takes_its_lease_stops_with_lease_lost_and_marks_nothing()
    {
        var (store, datasetId) = await UploadAsync();
        var other = new DatasetStore(
            azurite.CreateServiceClient().GetBlobContainerClient(BlobLayout.DatasetsContainer));
        BlobLease? taken = null;
        // At its first shard upload the packer stalls past a renewal; meanwhile its lease is broken and taken.
        requests.OnRequest = (method, path) =>
        {
            if (taken is not null || method != "PUT"
                || !path.Contains("/packed/32/train-00000", StringComparison.Ordinal)) return;
            var lockBlob = other.Container.GetBlobClient(BlobLayout.DatasetPackLock(datasetId, 32));
            lockBlob.GetBlobLeaseClient().Break(TimeSpan.Zero);
            taken = other.TryAcquirePackLeaseAsync(datasetId, 32, TimeSpan.FromSeconds(15)).GetAwaiter().GetResult();
            Thread.Sleep(TimeSpan.FromSeconds(7)); // renewals come every 5 s (a third of 15 s)
        };

        await Assert.ThrowsAsync<LeaseLostException>(
            () => Resolver(store, NewMachine()).ResolveAsync(datasetId, CancellationToken.None));

        Assert.NotNull(taken);
        Assert.Null((await store.GetManifestAsync(datasetId))!.Value.PackedAt(32));
        await taken.RenewAsync(); // still the other's
    }

    static string RawFolder(TempFolder machine, string datasetId) =>
        Path.Combine(machine.Path, "datasets", datasetId, "raw");

    static DatasetResolver Resolver(DatasetStore store, TempFolder machine) =>
        TestPackers.Resolver(store, Options.Create(new WorkerOptions
        {
            WorkDirectory = machine.Path, LeaseDuration = TimeSpan.FromSeconds(15), PackWait = TimeSpan.FromSeconds(1),
        }));

    TempFolder NewMachine()
    {
        var folder = new TempFolder();
        machines.Add(folder);
        return folder;
    }

    async Task<(DatasetStore Store, string DatasetId)> UploadAsync()
    {
        var uploaded = await UploadedDatasets.UploadAsync(azurite, Images, requests);
        requests.Clear();
        return uploaded;
    }

    public void Dispose()
    {
        foreach (var folder in machines) folder.Dispose();
    }
}
