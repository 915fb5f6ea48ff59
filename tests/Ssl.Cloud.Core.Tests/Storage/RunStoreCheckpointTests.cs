using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Core.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class RunStoreCheckpointTests(AzuriteFixture azurite)
{
    const int BlockSize = 64 * 1024;

    async Task<(RunStore Store, string RunId)> CreatedRunAsync()
    {
        var store = new RunStore(await azurite.CreateContainerAsync("ckpt")) { BlockSize = BlockSize };
        var runId = TestData.RunId();
        await store.CreateAsync(TestData.Request(runId));
        return (store, runId);
    }

    [Fact]
    public async Task An_uploaded_checkpoint_is_what_latest_points_at_and_downloads_byte_for_byte()
    {
        var (store, runId) = await CreatedRunAsync();
        var bytes = TestData.Bytes(5 * BlockSize + 123, seed: 1);

        var pointer = await store.UploadCheckpointAsync(runId, epoch: 10, step: 3910, new MemoryStream(bytes));

        Assert.Equal(pointer, await store.GetLatestCheckpointAsync(runId));
        Assert.Equal("checkpoints/epoch-0010.ckpt", pointer.Path);
        Assert.Equal(bytes.Length, pointer.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), pointer.Sha256);
        var copy = new MemoryStream();
        await store.DownloadCheckpointAsync(runId, pointer, copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_checkpoint_taken_part_way_through_an_epoch_does_not_replace_the_epochs_own()
    {
        var (store, runId) = await CreatedRunAsync();
        await store.UploadCheckpointAsync(runId, epoch: 1, step: 8, new MemoryStream(TestData.Bytes(10, 1)));

        var pointer = await store.UploadCheckpointAsync(runId, epoch: 1, stepInEpoch: 3, step: 11,
            new MemoryStream(TestData.Bytes(10, 2)));

        Assert.Equal("checkpoints/epoch-0001-step-000003.ckpt", pointer.Path);
        Assert.Equal(pointer, await store.GetLatestCheckpointAsync(runId));
        Assert.Contains((await store.ListArtifactsAsync(runId)).Select(a => a.Name),
            n => n == "checkpoints/epoch-0001.ckpt");
    }

    [Fact]
    public async Task A_run_without_checkpoints_has_no_latest_pointer()
    {
        var (store, runId) = await CreatedRunAsync();

        Assert.Null(await store.GetLatestCheckpointAsync(runId));
    }

    [Fact]
    public async Task The_latest_pointer_moves_forward_and_never_back_to_an_older_step()
    {
        var (store, runId) = await CreatedRunAsync();

        await store.UploadCheckpointAsync(runId, 1, 100, new MemoryStream(TestData.Bytes(10, 1)));
        await store.UploadCheckpointAsync(runId, 2, 200, new MemoryStream(TestData.Bytes(10, 2)));
        Assert.Equal(2, (await store.GetLatestCheckpointAsync(runId))!.Epoch);

        // A stale worker finishing an older checkpoint late must not send the pointer back.
        await store.UploadCheckpointAsync(runId, 1, 100, new MemoryStream(TestData.Bytes(10, 3)));
        Assert.Equal(200, (await store.GetLatestCheckpointAsync(runId))!.Step);
    }

    [Fact]
    public async Task An_upload_that_fails_half_way_leaves_no_checkpoint_and_the_pointer_where_it_was()
    {
        var (store, runId) = await CreatedRunAsync();
        var before = await store.UploadCheckpointAsync(runId, 1, 100, new MemoryStream(TestData.Bytes(10, 1)));

        var broken = new FailingStream(TestData.Bytes(4 * BlockSize, 2), failAfter: 2 * BlockSize + 10);
        await Assert.ThrowsAsync<IOException>(() => store.UploadCheckpointAsync(runId, 2, 200, broken));

        Assert.Equal(before, await store.GetLatestCheckpointAsync(runId));
        Assert.False(await store.Container.GetBlobClient(BlobLayout.RunCheckpoint(runId, 2)).ExistsAsync());
    }

    [Fact]
    public async Task A_checkpoint_whose_bytes_do_not_match_its_pointer_is_refused_on_download()
    {
        var (store, runId) = await CreatedRunAsync();
        var pointer = await store.UploadCheckpointAsync(runId, 3, 300, new MemoryStream(TestData.Bytes(1000, 1)));
        await store.Container.GetBlobClient(BlobLayout.RunCheckpoint(runId, 3)).UploadAsync(
            new MemoryStream(TestData.Bytes(1000, 2)), overwrite: true);

        var error = await Assert.ThrowsAsync<CorruptBlobException>(
            () => store.DownloadCheckpointAsync(runId, pointer, new MemoryStream()));

        Assert.Contains($"{runId}/checkpoints/epoch-0003.ckpt", error.Message);
        Assert.Contains(pointer.Sha256, error.Message);
    }

    [Fact]
    public async Task The_checkpoint_blob_carries_its_sha256_for_readers_without_the_pointer()
    {
        var (store, runId) = await CreatedRunAsync();
        var pointer = await store.UploadCheckpointAsync(runId, 4, 400, new MemoryStream(TestData.Bytes(100, 1)));

        var properties = await store.Container.GetBlobClient(BlobLayout.RunCheckpoint(runId, 4)).GetPropertiesAsync();

        Assert.Equal(pointer.Sha256, properties.Value.Metadata["sha256"]);
        Assert.Equal("application/octet-stream", properties.Value.ContentType);
    }

    [Fact]
    public async Task An_upload_from_a_stream_that_cannot_rewind_is_refused_before_anything_is_written()
    {
        var (store, runId) = await CreatedRunAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.UploadCheckpointAsync(runId, 1, 1, new FailingStream([], failAfter: 0, canSeek: false)));

        Assert.Null(await store.GetLatestCheckpointAsync(runId));
    }
}
