using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Time.Testing;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Schedules;
using Ssl.Cloud.Functions.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Schedules;

[Collection(AzuriteCollection.Name)]
public sealed class SubmitDueSchedulesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    const string Run =
        """{ "datasetId": "pets", "method": "simsiam", "encoder": "resnet18", "epochs": 5, "batchSize": 64 }""";

    // Ticks happen after the schedule blobs are written (Azurite stamps them with the real clock): two hours on, 30 s
    // past the hour.
    readonly DateTimeOffset topOfHour = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour),
        TimeSpan.Zero).AddHours(2);
    readonly FakeTimeProvider time = new();
    TestApp app = null!;

    public async Task InitializeAsync() => app = await TestApp.StartAsync(azurite, time);

    public async Task DisposeAsync() => await app.DisposeAsync();

    Task Write(string name, string json) =>
        app.Schedules.GetBlobClient($"{name}.json").UploadAsync(BinaryData.FromString(json), overwrite: true);

    Task Tick(DateTimeOffset at)
    {
        time.SetUtcNow(at);
        return app.Function<SubmitDueSchedules>().Run(new TimerInfo(), default);
    }

    [Fact]
    public async Task A_due_time_seen_by_two_firings_and_a_later_tick_trains_once()
    {
        await Write("hourly", $$"""{ "schemaVersion": 1, "cron": "0 * * * *", "run": {{Run}} }""");

        await Tick(topOfHour.AddSeconds(30));
        await Tick(topOfHour.AddSeconds(30));
        await Tick(topOfHour.AddMinutes(1).AddSeconds(30));

        var runId = ScheduleRunner.RunId("hourly", topOfHour);
        Assert.Equal(runId, Assert.Single(app.Queue.Messages()).MessageId);
        var request = await app.Get<RunStore>().GetRequestAsync(runId);
        Assert.Equal(("hourly", topOfHour), (request!.Schedule!.Schedule, request.Schedule.DueTime));
        Assert.Equal(topOfHour, request.RequestedAt);
    }

    [Fact]
    public void The_run_id_is_the_schedule_name_and_the_due_time_in_utc()
    {
        Assert.Equal("nightly-20250102-0300",
            ScheduleRunner.RunId("nightly", new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.FromHours(1))));
    }

    [Fact]
    public async Task Each_due_time_in_the_window_is_its_own_run()
    {
        await Write("often", $$"""{ "schemaVersion": 1, "cron": "*/5 * * * *", "run": {{Run}} }""");

        await Tick(topOfHour.AddMinutes(7));

        Assert.Equal([ScheduleRunner.RunId("often", topOfHour), ScheduleRunner.RunId("often", topOfHour.AddMinutes(5))],
            app.Queue.Messages().Select(m => m.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Due_times_before_the_schedule_was_written_are_not_submitted()
    {
        await Write("hourly", $$"""{ "schemaVersion": 1, "cron": "0 * * * *", "run": {{Run}} }""");

        await Tick(topOfHour.AddHours(-2).AddMinutes(-30));

        Assert.Empty(app.Queue.Messages());
    }

    [Fact]
    public async Task A_broken_or_disabled_schedule_is_skipped_and_the_others_still_run()
    {
        await Write("bad-cron", $$"""{ "schemaVersion": 1, "cron": "every hour", "run": {{Run}} }""");
        await Write("bad-json", "{ not json");
        await Write("bad-run", """{ "schemaVersion": 1, "cron": "0 * * * *", "run": { "datasetId": "pets" } }""");
        await Write("paused", $$"""{ "schemaVersion": 1, "cron": "0 * * * *", "enabled": false, "run": {{Run}} }""");
        await Write("good", $$"""{ "schemaVersion": 1, "cron": "0 * * * *", "run": {{Run}} }""");

        await Tick(topOfHour.AddSeconds(30));

        Assert.Equal(ScheduleRunner.RunId("good", topOfHour), Assert.Single(app.Queue.Messages()).MessageId);
    }
}
