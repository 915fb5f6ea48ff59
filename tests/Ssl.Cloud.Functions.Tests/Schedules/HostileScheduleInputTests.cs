using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Schedules;
using Ssl.Cloud.Functions.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Schedules;

/// <summary>Hostile and wrong schedules, and a double firing of the timer through the test hooks.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileScheduleInputTests(AzuriteFixture azurite) : HostileInput(azurite)
{
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
