using Azure;
using Azure.Storage.Blobs;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Datasets;
using Ssl.Cloud.Functions.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Datasets;

[Collection(AzuriteCollection.Name)]
public sealed class DatasetFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    TestApp app = null!;

    public async Task InitializeAsync() => app = await TestApp.StartAsync(azurite, settings: new Dictionary<string, string?> { ["Pipeline:MaxPixels"] = "1000000" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    async Task<DatasetCreated> Create(string id, params string[] files)
    {
        var result = await app.Function<CreateDataset>().Run(HttpRequests.Post(new { datasetId = id, files }), default);
        Assert.Equal(201, Answers.Status(result));
        return Answers.Value<DatasetCreated>(result);
    }

    Task Upload(string id, string path, byte[] bytes) =>
        app.Get<DatasetStore>().UploadRawFileAsync(id, path, new MemoryStream(bytes), "application/octet-stream");

    [Fact]
    public async Task Upload_links_write_into_raw_and_cannot_read_it_back()
    {
        var created = await Create("pets", "cat/001.png");

        var link = new BlobClient(Assert.Single(created.Uploads).Url!);
        await link.UploadAsync(new BinaryData(ImageBytes.Png(8, 8)));

        Assert.Equal("cat/001.png", Assert.Single(await app.Get<DatasetStore>().ListRawFilesAsync("pets")).Name);
        var read = await Assert.ThrowsAsync<RequestFailedException>(() => link.DownloadContentAsync());
        Assert.Equal(403, read.Status);
    }

    [Fact]
    public async Task An_upload_link_cannot_be_bent_to_write_the_manifest()
    {
        var created = await Create("pets", "cat/001.png");

        var manifest = new BlobUriBuilder(Assert.Single(created.Uploads).Url!) { BlobName = BlobLayout.DatasetManifest("pets") }.ToUri();

        var write = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(manifest).UploadAsync(BinaryData.FromString("{}"), overwrite: true));
        Assert.Equal(403, write.Status);
    }

    [Fact]
    public async Task Paths_that_climb_out_of_raw_or_repeat_are_refused_by_index()
    {
        var result = await app.Function<CreateDataset>().Run(HttpRequests.Post(new { datasetId = "pets", files = new[] { "ok.png", "../manifest.json", "ok.png", "a//b.png" } }), default);

        Assert.Equal(["files[1]", "files[2]", "files[3]"], Answers.InvalidFields(result).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Commit_accepts_images_by_their_headers_and_lists_every_reject_with_its_reason()
    {
        await Create("pets", "x.png");
        await Upload("pets", "cat/001.png", ImageBytes.Png(32, 16));
        await Upload("pets", "dog/001.jpg", ImageBytes.Jpeg(30, 20));
        await Upload("pets", "dog/notes.png", "just text"u8.ToArray());
        await Upload("pets", "dog/bomb.png", ImageBytes.Png(100_000, 100_000));

        var manifest = Answers.Document(await app.Function<CommitDataset>().Run(HttpRequests.Empty("POST"), "pets", default));

        Assert.Equal("ready", manifest.GetProperty("status").GetString());
        var files = manifest.GetProperty("files").EnumerateArray()
            .Select(f => (f.GetProperty("path").GetString(), f.GetProperty("format").GetString(), f.GetProperty("width").GetInt32(), f.GetProperty("height").GetInt32(), f.GetProperty("label").GetString()))
            .ToList();
        Assert.Equal([("cat/001.png", "png", 32, 16, "cat"), ("dog/001.jpg", "jpeg", 30, 20, "dog")], files);
        Assert.Equal(["cat", "dog"], manifest.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        var rejected = manifest.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("path").GetString()!, r => r.GetProperty("reason").GetString()!);
        Assert.Equal(["dog/bomb.png", "dog/notes.png"], rejected.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("100000x100000", rejected["dog/bomb.png"]);
        Assert.Contains("not an image", rejected["dog/notes.png"]);
        Assert.Equal(2, (await app.Get<DatasetStore>().GetManifestAsync("pets"))!.Value.Files.Count);
    }

    [Fact]
    public async Task A_commit_with_no_usable_file_marks_the_dataset_rejected_with_a_reason()
    {
        await Create("junk", "a.txt");
        await Upload("junk", "a.txt", "text"u8.ToArray());

        var manifest = Answers.Document(await app.Function<CommitDataset>().Run(HttpRequests.Empty("POST"), "junk", default));

        Assert.Equal("rejected", manifest.GetProperty("status").GetString());
        Assert.Contains("no usable image", manifest.GetProperty("statusReason").GetString());
    }

    [Fact]
    public async Task A_committed_dataset_takes_no_more_upload_links()
    {
        await Create("pets", "cat/001.png");
        await Upload("pets", "cat/001.png", ImageBytes.Png(8, 8));
        await app.Function<CommitDataset>().Run(HttpRequests.Empty("POST"), "pets", default);

        var again = await app.Function<CreateDataset>().Run(HttpRequests.Post(new { datasetId = "pets", files = new[] { "cat/002.png" } }), default);

        Assert.Equal(409, Answers.Status(again));
    }

    [Fact]
    public async Task Committing_an_unknown_dataset_is_404()
    {
        Assert.Equal(404, Answers.Status(await app.Function<CommitDataset>().Run(HttpRequests.Empty("POST"), "no-such-set", default)));
    }
}
