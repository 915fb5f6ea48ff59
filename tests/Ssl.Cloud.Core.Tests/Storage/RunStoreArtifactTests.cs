using System.Text;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Core.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class RunStoreArtifactTests(AzuriteFixture azurite)
{
    const int BlockSize = 64 * 1024;

    async Task<(RunStore Store, string RunId)> CreatedRunAsync()
    {
        var store = new RunStore(await azurite.CreateContainerAsync("artifacts")) { BlockSize = BlockSize };
        var runId = TestData.RunId();
        await store.CreateAsync(TestData.Request(runId));
        return (store, runId);
    }

    static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    static async Task<string> ReadTextAsync(RunStore store, string runId, string name)
    {
        var copy = new MemoryStream();
        await store.DownloadArtifactAsync(runId, name, copy);
        return Encoding.UTF8.GetString(copy.ToArray());
    }

    [Fact]
    public async Task Written_artifacts_are_listed_with_size_and_type_and_download_intact()
    {
        var (store, runId) = await CreatedRunAsync();
        var weights = TestData.Bytes(3 * BlockSize + 7, seed: 5);

        await store.WriteArtifactAsync(runId, BlobLayout.ReportJson, Text("""{"knn": 0.9}"""), "application/json");
        await store.WriteArtifactAsync(runId, BlobLayout.EncoderWeights, new MemoryStream(weights),
            "application/octet-stream");
        await store.UploadCheckpointAsync(runId, 1, 10, new MemoryStream(TestData.Bytes(10, 1)));

        var listed = (await store.ListArtifactsAsync(runId)).ToDictionary(a => a.Name);
        Assert.Equal(["checkpoints/epoch-0001.ckpt", "checkpoints/latest.json", "encoder.safetensors", "report.json"],
            listed.Keys.Order());
        Assert.Equal(weights.Length, listed["encoder.safetensors"].SizeBytes);
        Assert.Equal("application/json", listed["report.json"].ContentType);
        var copy = new MemoryStream();
        await store.DownloadArtifactAsync(runId, BlobLayout.EncoderWeights, copy);
        Assert.Equal(weights, copy.ToArray());
    }

    [Fact]
    public async Task Readers_see_the_old_artifact_until_the_new_one_is_complete()
    {
        var (store, runId) = await CreatedRunAsync();
        await store.WriteArtifactAsync(runId, BlobLayout.ReportHtml, Text("old report"), "text/html");
        var newReport = TestData.Bytes(4 * BlockSize, seed: 9);
        var upload = new GatedStream(newReport, pauseAt: 2 * BlockSize);

        var writing = store.WriteArtifactAsync(runId, BlobLayout.ReportHtml, upload, "text/html");
        await upload.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        var duringUpload = await ReadTextAsync(store, runId, BlobLayout.ReportHtml);
        upload.Open();
        await writing;

        Assert.Equal("old report", duringUpload);
        var after = new MemoryStream();
        await store.DownloadArtifactAsync(runId, BlobLayout.ReportHtml, after);
        Assert.Equal(newReport, after.ToArray());
    }

    [Fact]
    public async Task A_failed_overwrite_leaves_the_previous_artifact_whole()
    {
        var (store, runId) = await CreatedRunAsync();
        await store.WriteArtifactAsync(runId, BlobLayout.ReportJson, Text("""{"version": 1}"""), "application/json");

        await Assert.ThrowsAsync<IOException>(() => store.WriteArtifactAsync(runId, BlobLayout.ReportJson,
            new FailingStream(TestData.Bytes(3 * BlockSize, 1), failAfter: BlockSize + 1), "application/json"));

        Assert.Equal("""{"version": 1}""", await ReadTextAsync(store, runId, BlobLayout.ReportJson));
    }

    [Fact]
    public async Task Downloading_an_artifact_that_does_not_exist_names_it()
    {
        var (store, runId) = await CreatedRunAsync();

        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => store.DownloadArtifactAsync(runId, BlobLayout.ReportJson, new MemoryStream()));

        Assert.EndsWith($"{runId}/report.json", error.FileName);
    }

    [Fact]
    public async Task An_artifact_name_that_leaves_the_run_folder_is_refused()
    {
        var (store, runId) = await CreatedRunAsync();

        await Assert.ThrowsAsync<ArgumentException>(
            () => store.WriteArtifactAsync(runId, "../other-run/report.json", Text("x"), "text/plain"));
    }
}
