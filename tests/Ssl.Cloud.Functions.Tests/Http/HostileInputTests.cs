using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Ssl.Cloud.ApiHost;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Schedules;
using Ssl.Cloud.Functions.Tests.Support;
using Ssl.Imaging.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Http;

/// <summary>Hostile and wrong input at the API, over real HTTP to the API host: each gets a status code and a problem
/// that names the field or the file, and nothing is left half-written (no run, no message, no schedule, no
/// dataset).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    ApiServer api = null!;

    public async Task InitializeAsync() => api = await ApiServer.StartAsync(azurite);

    public async Task DisposeAsync() => await api.DisposeAsync();

    static object Run(string runId, string datasetId = TestApp.ReadyDataset, string method = "simsiam",
        string encoder = "convnet", string? warmStartRunId = null, object? hyperParameters = null) =>
        new
        {
            runId, datasetId, method, encoder, epochs = 1, batchSize = 8, warmStartRunId,
            hyperParameters = hyperParameters ?? new { }
        };

    async Task AssertNoRunAsync(string runId)
    {
        Assert.Null(await api.Get<RunStore>().GetStatusAsync(runId));
        Assert.Null(await api.Get<RunStore>().GetRequestAsync(runId));
        Assert.DoesNotContain(api.Queue.Messages(), m => m.MessageId == runId);
    }

    async Task SucceededRunAsync(
        string runId, string method = "simsiam", string encoder = "convnet", object? hyperParameters = null)
    {
        Assert.Equal(202, (await api.PostAsync("/api/runs",
            Run(runId, method: method, encoder: encoder, hyperParameters: hyperParameters))).Status);
        var store = api.Get<RunStore>();
        var status = (await store.GetStatusAsync(runId))!;
        await store.ReplaceStatusAsync(status.Value with { State = RunState.Succeeded }, status.ETag);
    }

    // --- auth ---

    [Fact]
    public async Task A_call_without_the_function_key_is_401_and_does_nothing()
    {
        using var bare = new HttpClient { BaseAddress = api.Client.BaseAddress };
        var response = await bare.PostAsync("/api/runs", new StringContent(JsonSerializer.Serialize(Run("run-nokey")),
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(FunctionKey.Header, await response.Content.ReadAsStringAsync());
        await AssertNoRunAsync("run-nokey");
    }

    [Fact]
    public async Task A_wrong_function_key_in_the_query_is_401()
    {
        using var bare = new HttpClient { BaseAddress = api.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("/api/runs/run-x?code=wrong")).StatusCode);
    }

    // --- runs ---

    [Fact]
    public async Task A_run_for_an_unknown_dataset_is_404_naming_the_dataset()
    {
        var answer = await api.PostAsync("/api/runs", Run("run-unknown-ds", datasetId: "no-such-data"));

        Assert.Equal(404, answer.Status);
        Assert.Contains("dataset 'no-such-data' does not exist", answer.Text);
        Assert.Equal(["datasetId"], answer.Fields);
        await AssertNoRunAsync("run-unknown-ds");
    }

    [Fact]
    public async Task A_run_for_a_dataset_still_uploading_is_409_naming_its_state()
    {
        Assert.Equal(201, (await api.PostAsync("/api/datasets", new { datasetId = "half-done" })).Status);

        var answer = await api.PostAsync("/api/runs", Run("run-not-ready", datasetId: "half-done"));

        Assert.Equal(409, answer.Status);
        Assert.Contains("dataset 'half-done' is Uploading, not Ready", answer.Text);
        await AssertNoRunAsync("run-not-ready");
    }

    [Theory]
    [InlineData("""{"runId":"run-h1","datasetId":"pets","method":"simsam","encoder":"convnet"}""", "method")]
    [InlineData("""{"runId":"run-h2","datasetId":"pets","method":"simsiam","encoder":"vit-huge"}""", "encoder")]
    [InlineData("""{"runId":"run-h3","datasetId":"pets","method":"simsiam","encoder":"convnet","epochs":0}""",
        "epochs")]
    [InlineData("""{"runId":"run-h4","datasetId":"pets","method":"simsiam","encoder":"convnet","batchSize":-5}""",
        "batchSize")]
    [InlineData("""{"runId":"run-h5","datasetId":"pets","method":"simsiam","encoder":"convnet","epoch":5}""", "epoch")]
    [InlineData("""{"runId":"run-h6","datasetId":"pets","method":"simsiam","encoder":"convnet","epochs":"ten"}""",
        "epochs")]
    [InlineData("""{"runId":"run-h7","datasetId":"../etc","method":"simsiam","encoder":"convnet"}""", "datasetId")]
    [InlineData("""{"runId":"run-h8","datasetId":"pets","method":"simsiam","encoder":"convnet","hyperParameters":"""
        + """{"lr":{"x":1}}}""",
        "hyperParameters.lr")]
    [InlineData("""{"runId":"run-h9","datasetId":"pets","method":"simsiam","encoder":"convnet","warmStartRunId":"run"""
        + """-h9"}""",
        "warmStartRunId")]
    [InlineData("[1,2]", "body")]
    public async Task An_invalid_run_is_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var answer = await api.PostAsync("/api/runs", body);

        Assert.Equal(400, answer.Status);
        Assert.Contains(field, answer.Fields);
        Assert.Empty(api.Queue.Messages());
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_413()
    {
        var answer = await api.PostAsync("/api/runs",
            Run("run-huge", hyperParameters: new { note = new string('x', 70_000) }));

        Assert.Equal(413, answer.Status);
        await AssertNoRunAsync("run-huge");
    }

    [Fact]
    public async Task A_warm_start_from_a_missing_run_is_422_naming_warmStartRunId()
    {
        var answer = await api.PostAsync("/api/runs", Run("run-warm-missing", warmStartRunId: "never-ran"));

        Assert.Equal(422, answer.Status);
        Assert.Equal(["warmStartRunId"], answer.Fields);
        Assert.Contains("run 'never-ran' does not exist", answer.Text);
        await AssertNoRunAsync("run-warm-missing");
    }

    [Fact]
    public async Task A_warm_start_from_a_run_of_another_encoder_is_422_naming_encoder()
    {
        await SucceededRunAsync("src-resnet", encoder: "resnet18");

        var answer = await api.PostAsync("/api/runs",
            Run("run-warm-enc", encoder: "convnet", warmStartRunId: "src-resnet"));

        Assert.Equal(422, answer.Status);
        Assert.Equal(["encoder"], answer.Fields);
        Assert.Contains("'convnet' differs from 'resnet18'", answer.Text);
        await AssertNoRunAsync("run-warm-enc");
    }

    [Fact]
    public async Task A_warm_start_from_a_run_of_another_method_is_422_naming_method()
    {
        await SucceededRunAsync("src-byol", method: "byol");

        var answer = await api.PostAsync("/api/runs",
            Run("run-warm-method", method: "simsiam", warmStartRunId: "src-byol"));

        Assert.Equal(422, answer.Status);
        Assert.Equal(["method"], answer.Fields);
        await AssertNoRunAsync("run-warm-method");
    }

    [Fact]
    public async Task A_warm_start_from_a_run_of_another_width_is_422_naming_the_width()
    {
        await SucceededRunAsync("src-wide", hyperParameters: new { width = 32 });

        var answer = await api.PostAsync("/api/runs",
            Run("run-warm-width", warmStartRunId: "src-wide", hyperParameters: new { width = 16 }));

        Assert.Equal(422, answer.Status);
        Assert.Equal(["hyperParameters.width"], answer.Fields);
        await AssertNoRunAsync("run-warm-width");
    }

    [Fact]
    public async Task A_warm_start_from_an_unfinished_run_is_422_naming_its_state()
    {
        Assert.Equal(202, (await api.PostAsync("/api/runs", Run("src-queued"))).Status);

        var answer = await api.PostAsync("/api/runs", Run("run-warm-queued", warmStartRunId: "src-queued"));

        Assert.Equal(422, answer.Status);
        Assert.Contains("run 'src-queued' is Queued, not Succeeded", answer.Text);
        await AssertNoRunAsync("run-warm-queued");
    }

    [Fact]
    public async Task A_compatible_warm_start_is_accepted_and_its_status_names_the_source()
    {
        await SucceededRunAsync("src-good");

        var answer = await api.PostAsync("/api/runs", Run("run-warm-good", warmStartRunId: "src-good"));

        Assert.Equal(202, answer.Status);
        var status = await api.GetAsync("/api/runs/run-warm-good");
        Assert.Equal("src-good", status.String("warmStartRunId"));
    }

    [Fact]
    public async Task Cancelling_a_finished_run_is_409_naming_its_state_and_changes_nothing()
    {
        await SucceededRunAsync("run-done");

        var answer = await api.PostAsync("/api/runs/run-done/cancel", null);

        Assert.Equal(409, answer.Status);
        Assert.Contains("is Succeeded, a final state", answer.Text);
        Assert.False((await api.Get<RunStore>().GetStatusAsync("run-done"))!.Value.CancelRequested);
    }

    [Fact]
    public async Task Cancelling_an_unknown_run_is_404()
    {
        var answer = await api.PostAsync("/api/runs/no-such-run/cancel", null);

        Assert.Equal(404, answer.Status);
        Assert.Contains("run 'no-such-run' does not exist", answer.Text);
    }

    [Fact]
    public async Task A_run_id_that_is_not_an_identifier_is_400_naming_id()
    {
        var answer = await api.GetAsync("/api/runs/RUN..x");

        Assert.Equal(400, answer.Status);
        Assert.Equal(["id"], answer.Fields);
    }

    // --- schedules ---

    static object Schedule(string cron = "0 3 * * *", string? timeZone = null, object? run = null) =>
        new
        {
            cron, timeZone,
            run = run ?? new { datasetId = TestApp.ReadyDataset, method = "simsiam", encoder = "convnet", epochs = 1 }
        };

    [Theory]
    [InlineData("* * * *", null, "cron")]
    [InlineData("61 * * * *", null, "cron")]
    [InlineData("0 3 * * *", "Mars/Olympus_Mons", "timeZone")]
    public async Task A_schedule_with_a_bad_cron_or_zone_is_400_naming_it_and_is_not_written(
        string cron, string? zone, string field)
    {
        var answer = await api.PutAsync("/api/schedules/nightly", Schedule(cron, zone));

        Assert.Equal(400, answer.Status);
        Assert.Equal([field], answer.Fields);
        Assert.Equal(404, (await api.GetAsync("/api/schedules/nightly")).Status);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("UPPER")]
    [InlineData("a-name-that-is-far-too-long-for-a-run-id-with-a-due-time-x")]
    public async Task A_schedule_name_that_cannot_make_run_ids_is_400_naming_name(string name)
    {
        var answer = await api.PutAsync($"/api/schedules/{name}", Schedule());

        Assert.Equal(400, answer.Status);
        Assert.Equal(["name"], answer.Fields);
        Assert.Empty((await api.GetAsync("/api/schedules")).Body.GetProperty("schedules").EnumerateArray());
    }

    [Fact]
    public async Task A_schedule_whose_run_is_invalid_is_400_naming_the_run_fields()
    {
        var answer = await api.PutAsync("/api/schedules/nightly",
            Schedule(run: new
            {
                runId = "fixed", datasetId = TestApp.ReadyDataset, method = "nope", encoder = "convnet"
            }));

        Assert.Equal(400, answer.Status);
        Assert.Equal(["run.method", "run.runId"], answer.Fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_valid_schedule_answers_its_next_three_due_times()
    {
        var answer = await api.PutAsync("/api/schedules/nightly", Schedule("30 2 * * *", "Europe/Berlin"));

        Assert.Equal(201, answer.Status);
        var due = answer.Body.GetProperty("nextDue").EnumerateArray().Select(e => e.GetDateTimeOffset()).ToList();
        Assert.Equal(3, due.Count);
        Assert.All(due.Zip(due.Skip(1)), pair => Assert.Equal(TimeSpan.FromDays(1), pair.Second - pair.First));
        Assert.Equal(200,
            (await api.PutAsync("/api/schedules/nightly", Schedule("30 2 * * *", "Europe/Berlin"))).Status);
    }

    [Fact]
    public async Task Deleting_an_unknown_schedule_is_404()
    {
        var answer = await api.DeleteAsync("/api/schedules/never-made");

        Assert.Equal(404, answer.Status);
        Assert.Contains("schedule 'never-made' does not exist", answer.Text);
    }

    // --- datasets ---

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

    // --- test hooks ---

    [Fact]
    public async Task A_due_schedule_fired_twice_through_the_timer_hook_trains_once()
    {
        var now = await api.GetAsync("/admin/clock");
        Assert.Equal(201, (await api.PutAsync("/api/schedules/every-minute", Schedule("* * * * *"))).Status);
        var later = now.Body.GetProperty("utcNow").GetDateTimeOffset().AddMinutes(2);

        Assert.Equal(200, (await api.PostAsync("/admin/clock", new { utcNow = later })).Status);
        Assert.Equal(200, (await api.PostAsync($"/admin/timers/{nameof(SubmitDueSchedules)}", null)).Status);
        Assert.Equal(200, (await api.PostAsync($"/admin/timers/{nameof(SubmitDueSchedules)}", null)).Status);

        var ids = api.Queue.Messages().Select(m => m.MessageId).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.All(ids, id => Assert.StartsWith("every-minute-", id));
    }
}
