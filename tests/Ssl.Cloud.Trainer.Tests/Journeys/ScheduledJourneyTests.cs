using System.Text.Json;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Trainer.Tests.Journeys;

/// <summary>Journey 2: <c>ssl schedules set --warm-start</c>, then the host's clock moved to two due times and the
/// schedule timer fired (each time twice).</summary>
[Collection(JourneyCollection.Name)]
public sealed class ScheduledJourneyTests(AzuriteFixture azurite)
{
    const string Timer = "SubmitDueSchedules";

    // Ten epochs (not the two of the other journeys): the first run must learn enough that starting from it shows.

    [Fact]
    public async Task
        A_schedule_due_twice_trains_twice_the_second_run_warm_started_from_the_first_and_a_double_firing_trains_once()
    {
        await using var stack = await CloudStack.StartAsync(azurite);
        var name = Tiny.Id("nightly");
        var dataset = await stack.UploadTinyAsync("scheduled");
        var set = await stack.SslAsync(["schedules", "set", name, "--cron", "0 3 * * *", "--dataset", dataset,
            "--warm-start", .. Tiny.RunOptions.Select(o => o == "2" ? "10" : o)]);
        Assert.True(set.ExitCode == 0, stack.Explain(set.Output));
        Assert.Contains("next ", set.Output);

        var first = await DueAsync(stack, new DateTimeOffset(2027, 1, 1, 3, 0, 30, TimeSpan.Zero),
            $"{name}-20270101-0300");
        var second = await DueAsync(stack, new DateTimeOffset(2027, 1, 2, 3, 0, 30, TimeSpan.Zero),
            $"{name}-20270102-0300");

        var runs = new List<string>();
        await foreach (var blob in stack.Runs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None,
                           Azure.Storage.Blobs.Models.BlobStates.None, $"{name}-", CancellationToken.None))
            if (blob.Name.EndsWith("/request.json", StringComparison.Ordinal)) runs.Add(blob.Name.Split('/')[0]);
        Assert.Equal([first, second], runs.Order(StringComparer.Ordinal));
        var status = await stack.SslAsync("runs", "status", second, "--json");
        Assert.Equal(first, JsonDocument.Parse(status.Output).RootElement.GetProperty("warmStartRunId").GetString());
        Assert.Contains(first,
            (await stack.Runs.GetBlobClient($"{second}/report.html").DownloadContentAsync()).Value.Content.ToString());
        Assert.True(await FirstLossAsync(stack, second) < await FirstLossAsync(stack, first),
            "the warm-started run's first-step loss is not below the first run's");
    }

    /// <summary>Moves the clock to a due time, fires the timer twice, and follows the run to Succeeded with one
    /// attempt.</summary>
    static async Task<string> DueAsync(CloudStack stack, DateTimeOffset at, string runId)
    {
        await stack.SetClockAsync(at);
        await stack.FireTimerAsync(Timer);
        await stack.FireTimerAsync(Timer);
        var watch = await stack.SslAsync("runs", "watch", runId, "--poll-interval", "00:00:00.500");
        Assert.True(watch.ExitCode == 0, stack.Explain(watch.Output));
        var status = await stack.SslAsync("runs", "status", runId);
        Assert.Contains($"{runId}: succeeded", status.Output);
        Assert.Single(status.Output.Split('\n'), l => l.Contains("attempt ", StringComparison.Ordinal));
        return runId;
    }

    static async Task<float> FirstLossAsync(CloudStack stack, string runId)
    {
        var report = (await stack.Runs.GetBlobClient($"{runId}/report.json").DownloadContentAsync()).Value.Content;
        using var json = JsonDocument.Parse(report.ToMemory());
        return json.RootElement.GetProperty("stepLosses")[0].GetSingle();
    }
}
