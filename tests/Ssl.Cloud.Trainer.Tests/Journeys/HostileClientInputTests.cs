using System.IO.Compression;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Journeys;

/// <summary>Hostile and mistaken input through the <c>ssl</c> client against the local stack: each gets a non-zero
/// exit and a message naming the field, file or thing, and leaves nothing half-written.</summary>
[Collection(JourneyCollection.Name)]
public sealed class HostileClientInputTests(HostileStack fixture) : IClassFixture<HostileStack>
{
    CloudStack Stack => fixture.Stack;

    [Theory]
    // Refused by the client before any request.
    [InlineData("schedules set a/b --cron 0_3_*_*_* --dataset {dataset}", "'a/b' is not an identifier")]
    [InlineData("runs status Not-An-Id", "run-id")]
    [InlineData("datasets show x", "'x' is not an identifier")]
    [InlineData("datasets upload /no/such/folder --id pets-x", "neither a folder nor a zip")]
    [InlineData("runs submit --epochs 0 --dataset pets-zz", "--epochs must be at least 1")]
    [InlineData("runs submit --set novalue --dataset pets-zz", "--set 'novalue': expected key=value")]
    [InlineData("runs submit --warm-start-run ../escape --dataset pets-zz", "--warm-start-run")]
    [InlineData("runs submit --api ftp://example.org --dataset pets-zz", "is not an http(s) URL")]
    [InlineData("runs download some-run --only weights", "weights")]
    [InlineData("runs submit --method no-such-method --dataset pets-zz", "no-such-method")]
    // Refused by the API, with the field or thing named.
    [InlineData("runs submit --dataset no-such-dataset-zz", "dataset 'no-such-dataset-zz' does not exist")]
    [InlineData("runs submit --dataset {dataset} --warm-start-run no-such-run-zz", "no-such-run-zz")]
    [InlineData("schedules set cron-bad --cron *_*_*_* --dataset {dataset}", "cron:")]
    [InlineData("schedules set zone-bad --cron 0_3_*_*_* --time-zone Mars/Olympus --dataset {dataset}", "timeZone")]
    [InlineData("runs status no-such-run-zz", "no-such-run-zz")]
    [InlineData("runs cancel no-such-run-zz", "no-such-run-zz")]
    [InlineData("runs download no-such-run-zz", "no-such-run-zz")]
    [InlineData("datasets show no-such-dataset-zz", "no-such-dataset-zz")]
    [InlineData("schedules delete no-such-schedule-zz", "no-such-schedule-zz")]
    [InlineData("runs list --api-key wrong-key", "401")]
    public async Task A_bad_request_exits_non_zero_naming_what_was_wrong(string command, string expected)
    {
        var (code, output) = await Stack.SslAsync(
            [.. command.Split(' ').Select(a => a.Replace('_', ' ').Replace("{dataset}", fixture.Dataset))]);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_refused_submit_writes_no_run()
    {
        var runId = Tiny.Id("refused");

        var (code, output) = await Stack.SslAsync("runs", "submit", "--dataset", "no-such-dataset-zz", "--run-id",
            runId);

        Assert.Equal(2, code);
        Assert.Contains("datasetId", output);
        Assert.False(await Stack.Runs.GetBlobClient($"{runId}/request.json").ExistsAsync());
        Assert.False(await Stack.Runs.GetBlobClient($"{runId}/status.json").ExistsAsync());
    }

    [Fact]
    public async Task
        A_zip_with_a_slip_a_bomb_and_a_text_file_is_accepted_without_them_and_each_is_named_with_its_reason()
    {
        using var folder = new TempFolder();
        var zip = Path.Combine(folder.Path, "hostile.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            for (var i = 0; i < 6; i++)
                Add(archive, $"class{i % 2}/{i}.png",
                    TestImages.Solid(16, 16, new SkiaSharp.SKColor((byte)(i * 40), 80, 120)));
            Add(archive, "../x.png", TestImages.Solid(16, 16, SkiaSharp.SKColors.Red));
            Add(archive, "class0/readme.txt", "not an image"u8.ToArray());
            Add(archive, "class1/bomb.png", new byte[20_000_000]);
        }
        var id = Tiny.Id("hostile");

        var (code, output) = await Stack.SslAsync("datasets", "upload", zip, "--id", id, "--poll-interval",
            "00:00:00.500");

        Assert.True(code == 0, Stack.Explain(output));
        Assert.Contains($"dataset {id}: ready, 6 accepted in 2 classes, 3 rejected", output);
        Assert.Contains("rejected data.zip/../x.png", output);
        Assert.Contains("rejected data.zip/class0/readme.txt", output);
        Assert.Contains("rejected data.zip/class1/bomb.png", output);
    }

    [Fact]
    public async Task A_zip_of_100000_entries_is_rejected_as_a_whole_and_the_client_exits_non_zero_naming_it()
    {
        using var folder = new TempFolder();
        var zip = Path.Combine(folder.Path, "many.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            for (var i = 0; i < 100_000; i++) archive.CreateEntry($"c/{i}.png", CompressionLevel.NoCompression);
        var id = Tiny.Id("many");

        var (code, output) = await Stack.SslAsync("datasets", "upload", zip, "--id", id, "--poll-interval",
            "00:00:00.500");

        Assert.Equal(2, code);
        Assert.Contains("data.zip", output);
        Assert.Contains("100000 entries", output);
        Assert.Contains($"dataset '{id}' was rejected", output);
    }

    [Fact]
    public async Task Cancelling_a_run_makes_watch_exit_non_zero_and_cancelling_it_again_is_refused_naming_its_state()
    {
        var runId = Tiny.Id("cancel");
        var submit = await Stack.SslAsync(["runs", "submit", "--dataset", fixture.Dataset, "--run-id", runId,
            "--epochs", "200", "--batch-size", "16", "--width", "8"]);
        Assert.True(submit.ExitCode == 0, Stack.Explain(submit.Output));

        var cancel = await Stack.SslAsync("runs", "cancel", runId);
        var watch = await Stack.SslAsync("runs", "watch", runId, "--poll-interval", "00:00:00.500");
        var again = await Stack.SslAsync("runs", "cancel", runId);

        Assert.True(cancel.ExitCode == 0, Stack.Explain(cancel.Output));
        Assert.Equal(3, watch.ExitCode);
        Assert.Contains($"{runId}: cancelled", watch.Output);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("409", again.Output);
        Assert.Contains("Cancelled", again.Output, StringComparison.OrdinalIgnoreCase);
    }

    static void Add(ZipArchive archive, string name, byte[] bytes)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        stream.Write(bytes);
    }
}
