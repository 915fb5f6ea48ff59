using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Core.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class DatasetStoreTests(AzuriteFixture azurite)
{
    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    async Task<DatasetStore> StoreAsync() =>
        new(await azurite.CreateContainerAsync("datasets")) { BlockSize = 64 * 1024 };

    static DatasetManifest Manifest(string datasetId) => DatasetManifest.FromValidation(datasetId,
        [new ManifestFile
        {
            Path = "cat/1.png", SizeBytes = 10, Format = "png", Width = 32, Height = 32, Label = "cat"
        }],
        [], TestData.Now);

    [Fact]
    public async Task A_written_manifest_reads_back_with_its_etag()
    {
        var store = await StoreAsync();

        var etag = await store.WriteManifestAsync(Manifest("pets"), ifMatch: null);
        var read = await store.GetManifestAsync("pets");

        Assert.Equal(etag, read!.ETag);
        Assert.Equal(ContractJson.SerializeToString(Manifest("pets")), ContractJson.SerializeToString(read.Value));
    }

    [Fact]
    public async Task A_dataset_without_a_manifest_reads_as_null()
    {
        var store = await StoreAsync();

        Assert.Null(await store.GetManifestAsync("pets"));
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => store.UpdateManifestAsync("pets", m => m));
    }

    [Fact]
    public async Task Creating_a_manifest_twice_or_replacing_a_stale_one_is_a_conflict()
    {
        var store = await StoreAsync();
        var first = await store.WriteManifestAsync(Manifest("pets"), ifMatch: null);
        await store.WriteManifestAsync(Manifest("pets") with { StatusReason = "second" }, first);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.WriteManifestAsync(Manifest("pets"), ifMatch: null));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteManifestAsync(Manifest("pets"), first));

        Assert.Equal("second", (await store.GetManifestAsync("pets"))!.Value.StatusReason);
    }

    [Fact]
    public async Task Marking_a_resolution_packed_records_it_once_and_keeps_other_resolutions()
    {
        var store = await StoreAsync();
        await store.WriteManifestAsync(Manifest("pets"), ifMatch: null);

        await store.MarkPackedAsync("pets", 32, shardCount: 1, imageCount: 1);
        await store.MarkPackedAsync("pets", 64, shardCount: 2, imageCount: 1);
        await store.MarkPackedAsync("pets", 32, shardCount: 3, imageCount: 1);

        var manifest = (await store.GetManifestAsync("pets"))!.Value;
        Assert.Equal([64, 32], manifest.Packed.Select(p => p.Resolution));
        Assert.Equal(3, manifest.PackedAt(32)!.ShardCount);
    }

    [Fact]
    public async Task Raw_uploads_are_listed_relative_to_raw_and_read_back()
    {
        var store = await StoreAsync();
        await store.UploadRawFileAsync("pets", "cat/1.png", new MemoryStream(PngSignature), "image/png");
        await store.UploadRawFileAsync("pets", "dog/2.jpg", new MemoryStream(new byte[300]), "image/jpeg");
        await store.WriteManifestAsync(Manifest("pets"), ifMatch: null);

        var files = await store.ListRawFilesAsync("pets");
        await using var png = await store.OpenRawFileAsync("pets", "cat/1.png");
        var header = new byte[4];
        await png.ReadExactlyAsync(header);

        Assert.Equal(["cat/1.png", "dog/2.jpg"], files.Select(f => f.Name));
        Assert.Equal(300, files[1].SizeBytes);
        Assert.Equal(PngSignature[..4], header);
    }

    [Fact]
    public async Task A_raw_file_downloads_whole()
    {
        var store = await StoreAsync();
        await store.UploadRawFileAsync("pets", "cat/1.png", new MemoryStream(PngSignature), "image/png");

        using var copy = new MemoryStream();
        await store.DownloadRawFileAsync("pets", "cat/1.png", copy);

        Assert.Equal(PngSignature, copy.ToArray());
    }

    [Fact]
    public async Task Opening_a_raw_file_that_is_not_there_names_it()
    {
        var store = await StoreAsync();

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenRawFileAsync("pets", "cat/9.png"));

        Assert.EndsWith("pets/raw/cat/9.png", error.FileName);
    }

    [Fact]
    public async Task Packed_shards_round_trip_and_a_missing_shard_is_named()
    {
        var store = await StoreAsync();
        var shard = TestData.Bytes(200_000, seed: 3);

        await store.UploadPackedShardAsync("pets", 32, 0, new MemoryStream(shard));
        var copy = new MemoryStream();
        await store.DownloadPackedShardAsync("pets", 32, 0, copy);

        Assert.Equal(shard, copy.ToArray());
        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => store.DownloadPackedShardAsync("pets", 32, 1, new MemoryStream()));
        Assert.EndsWith("pets/packed/32/shard-00001.safetensors", error.FileName);
    }

    [Fact]
    public async Task A_manifest_of_an_unknown_version_is_reported_with_its_blob_path()
    {
        var store = await StoreAsync();
        await store.Container.GetBlobClient(BlobLayout.DatasetManifest("pets"))
            .UploadAsync(BinaryData.FromString("""{ "schemaVersion": 2, "datasetId": "pets" }"""));

        var error = await Assert.ThrowsAsync<UnsupportedSchemaVersionException>(() => store.GetManifestAsync("pets"));

        Assert.Equal($"{store.Container.Name}/pets/manifest.json", error.Document);
    }
}
