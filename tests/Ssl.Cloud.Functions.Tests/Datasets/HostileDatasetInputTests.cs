using System.IO.Compression;
using System.Text.Json;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Tests.Support;
using Ssl.Imaging.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Datasets;

/// <summary>Hostile and wrong dataset creation, upload links, archives and files.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileDatasetInputTests(AzuriteFixture azurite) : HostileInput(azurite)
{
    [Fact]
    public async Task A_dataset_id_that_is_not_an_identifier_is_400_and_nothing_is_written()
    {
        var answer = await api.PostAsync("/api/datasets", new { datasetId = "../x" });

        Assert.Equal(400, answer.Status);
        Assert.Equal(["datasetId"], answer.Fields);
    }

    [Fact]
    public async Task A_dataset_with_an_invalid_train_spec_is_400_naming_train_fields_and_is_not_created()
    {
        var answer = await api.PostAsync("/api/datasets",
            new { datasetId = "bad-train", train = new { method = "nope", encoder = "convnet" } });

        Assert.Equal(400, answer.Status);
        Assert.Equal(["train.method"], answer.Fields);
        Assert.Equal(404, (await api.GetAsync("/api/datasets/bad-train")).Status);
    }

    [Theory]
    [InlineData("../x.png", "files[0].path")]
    [InlineData("/etc/passwd", "files[0].path")]
    [InlineData("cat\\..\\x.png", "files[0].path")]
    [InlineData("cat/./x.png", "files[0].path")]
    public async Task An_upload_path_that_leaves_raw_is_400_naming_it(string path, string field)
    {
        await api.PostAsync("/api/datasets", new { datasetId = "paths" });

        var answer = await api.PostAsync("/api/datasets/paths/upload-links",
            new { files = new[] { new { path, length = 10 } } });

        Assert.Equal(400, answer.Status);
        Assert.Equal([field], answer.Fields);
        Assert.Contains(path.Replace("\\", "\\\\"), answer.Text);
    }

    [Fact]
    public async Task More_than_a_page_of_upload_files_is_400_naming_files()
    {
        await api.PostAsync("/api/datasets", new { datasetId = "big-page" });
        var files = Enumerable.Range(0, 1001).Select(i => new { path = $"c/{i}.png", length = 10 }).ToArray();

        var answer = await api.PostAsync("/api/datasets/big-page/upload-links", new { files });

        Assert.True(answer.Status is 400 or 413);
    }

    [Fact]
    public async Task A_file_listed_twice_or_with_a_bad_md5_is_400_naming_each()
    {
        await api.PostAsync("/api/datasets", new { datasetId = "twice" });

        var answer = await api.PostAsync("/api/datasets/twice/upload-links", new
        {
            files = new object[]
            {
                new { path = "c/1.png", length = 10 }, new { path = "c/1.png", length = 10 },
                new { path = "c/2.png", length = 10, md5 = "xyz" }
            },
        });

        Assert.Equal(400, answer.Status);
        Assert.Equal(["files[1].path", "files[2].md5"], answer.Fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Upload_links_for_an_unknown_dataset_are_404()
    {
        var answer = await api.PostAsync("/api/datasets/no-such-data/upload-links",
            new { files = new[] { new { path = "c/1.png", length = 1 } } });

        Assert.Equal(404, answer.Status);
        Assert.Contains("dataset 'no-such-data' does not exist", answer.Text);
    }

    [Fact]
    public async Task Committing_an_unknown_dataset_is_404()
    {
        Assert.Equal(404, (await api.PostAsync("/api/datasets/no-such-data/commit", null)).Status);
    }

    async Task<JsonElement> UploadAndCommitAsync(string datasetId, params (string Path, byte[] Bytes)[] files)
    {
        Assert.Equal(201, (await api.PostAsync("/api/datasets", new { datasetId })).Status);
        var links = await api.PostAsync($"/api/datasets/{datasetId}/upload-links",
            new { files = files.Select(f => new { path = f.Path, length = f.Bytes.LongLength }).ToArray() });
        Assert.Equal(200, links.Status);
        foreach (var (link, file) in links.Body.GetProperty("links").EnumerateArray().Zip(files))
            await ApiServer.UploadAsync(link.GetProperty("url").GetString()!, file.Bytes);
        var commit = await api.PostAsync($"/api/datasets/{datasetId}/commit", null);
        Assert.Equal(202, commit.Status);
        return (await api.GetAsync($"/api/datasets/{datasetId}")).Body;
    }

    static Dictionary<string, string> Rejected(JsonElement summary) =>
        summary.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("path").GetString()!, r => r.GetProperty("reason").GetString()!);

    static byte[] Zip(Action<ZipArchive> fill)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true)) fill(zip);
        return buffer.ToArray();
    }

    static void Add(ZipArchive zip, string name, byte[] bytes, CompressionLevel level = CompressionLevel.NoCompression)
    {
        using var s = zip.CreateEntry(name, level).Open();
        s.Write(bytes);
    }

    [Fact]
    public async Task A_zip_with_slip_and_absolute_entries_rejects_those_entries_by_name_and_keeps_the_good_ones()
    {
        var zip = Zip(z =>
        {
            Add(z, "cat/1.png", ImageBytes.Png(8, 8));
            Add(z, "../evil.png", ImageBytes.Png(8, 8));
            Add(z, "/etc/evil.png", ImageBytes.Png(8, 8));
            Add(z, "C:/win.png", ImageBytes.Png(8, 8));
        });

        var summary = await UploadAndCommitAsync("slip", ("data.zip", zip));

        Assert.Equal("ready", summary.GetProperty("status").GetString());
        Assert.Equal(1, summary.GetProperty("files").GetInt32());
        var rejected = Rejected(summary);
        Assert.Contains("zip slip", rejected["data.zip/../evil.png"]);
        Assert.Contains("zip slip", rejected["data.zip//etc/evil.png"]);
        Assert.Contains("zip slip", rejected["data.zip/C:/win.png"]);
    }

    [Fact]
    public async Task A_zip_bomb_entry_is_rejected_by_its_compression_ratio_before_it_is_inflated()
    {
        var zip = Zip(z =>
        {
            Add(z, "cat/1.png", ImageBytes.Png(8, 8));
            Add(z, "cat/bomb.png", new byte[20_000_000], CompressionLevel.SmallestSize);
        });

        var summary = await UploadAndCommitAsync("bomb", ("data.zip", zip));

        Assert.Contains("zip bomb", Rejected(summary)["data.zip/cat/bomb.png"]);
    }

    [Fact]
    public async Task A_zip_of_a_hundred_thousand_entries_is_rejected_whole_from_its_directory()
    {
        var zip = Zip(z =>
        {
            for (var i = 0; i < 100_000; i++) z.CreateEntry($"c/{i}.png", CompressionLevel.NoCompression);
        });

        var summary = await UploadAndCommitAsync("many", ("data.zip", zip));

        Assert.Equal("rejected", summary.GetProperty("status").GetString());
        Assert.Contains("100000 entries", Rejected(summary)["data.zip"]);
    }

    [Fact]
    public async Task Files_that_are_not_images_are_rejected_by_name_with_the_reason()
    {
        var summary = await UploadAndCommitAsync("mixed",
            ("cat/1.png", ImageBytes.Png(8, 8)), ("cat/notes.txt", "hello"u8.ToArray()),
            ("cat/huge.png", ImageBytes.Png(100_000, 100_000)));

        Assert.Equal("ready", summary.GetProperty("status").GetString());
        var rejected = Rejected(summary);
        Assert.Contains("not an image", rejected["cat/notes.txt"]);
        Assert.Contains("pixels", rejected["cat/huge.png"]);
    }

    [Fact]
    public async Task Uploading_into_a_committed_dataset_is_409_naming_its_state()
    {
        await UploadAndCommitAsync("closed", ("cat/1.png", ImageBytes.Png(8, 8)));

        var answer = await api.PostAsync("/api/datasets/closed/upload-links",
            new { files = new[] { new { path = "c/2.png", length = 1 } } });

        Assert.Equal(409, answer.Status);
        Assert.Contains("is Ready, not Uploading", answer.Text);
    }

    [Fact]
    public async Task A_dataset_created_with_a_train_spec_submits_its_run_once_however_often_it_is_committed()
    {
        Assert.Equal(201, (await api.PostAsync("/api/datasets",
            new
            {
                datasetId = "auto", train = new { method = "simsiam", encoder = "convnet", epochs = 1, batchSize = 2 }
            })).Status);
        var links = await api.PostAsync("/api/datasets/auto/upload-links",
            new { files = new[] { new { path = "cat/1.png", length = 33 } } });
        await ApiServer.UploadAsync(
            links.Body.GetProperty("links")[0].GetProperty("url").GetString()!, ImageBytes.Png(8, 8));

        await api.PostAsync("/api/datasets/auto/commit", null);
        await api.PostAsync("/api/datasets/auto/commit", null);

        var summary = (await api.GetAsync("/api/datasets/auto")).Body;
        var runId = summary.GetProperty("runId").GetString();
        Assert.NotNull(runId);
        Assert.Equal(runId, Assert.Single(api.Queue.Messages()).MessageId);
        Assert.Equal("auto", (await api.Get<RunStore>().GetRequestAsync(runId!))!.DatasetId);
    }

    [Fact]
    public async Task Upload_links_say_which_files_are_there_already_with_the_same_length()
    {
        await api.PostAsync("/api/datasets", new { datasetId = "resume" });
        var first = await api.PostAsync("/api/datasets/resume/upload-links",
            new { files = new[] { new { path = "cat/1.png", length = 33 } } });
        await ApiServer.UploadAsync(
            first.Body.GetProperty("links")[0].GetProperty("url").GetString()!, ImageBytes.Png(8, 8));

        var again = await api.PostAsync("/api/datasets/resume/upload-links",
            new { files = new[] { new { path = "cat/1.png", length = 33 }, new { path = "cat/2.png", length = 33 } } });

        var exists = again.Body.GetProperty("links").EnumerateArray()
            .Select(l => l.GetProperty("exists").GetBoolean()).ToList();
        Assert.Equal([true, false], exists);
    }
}
