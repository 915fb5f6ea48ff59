using Cronos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Runs;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>DESIGN.md §3 step 4: submits a run for every due time of every schedule in the look-back window.
/// The run id is <c>{schedule}-{yyyyMMdd-HHmm}</c> of the due time (UTC) and the request's time is the due time,
/// so every tick that sees a due time submits the same bytes under the same id: one run, one message, however
/// often the timer fires (overlapping windows, a double firing, two instances).</summary>
public sealed class ScheduleRunner(ScheduleStore schedules, RunService runs, TimeProvider time, IOptions<PipelineOptions> options, ILogger<ScheduleRunner> log)
{
    const string DueFormat = "yyyyMMdd-HHmm";
    public const int MaxNameLength = 63 - 1 - 13;

    public static string RunId(string schedule, DateTimeOffset due) =>
        $"{schedule}-{due.UtcDateTime.ToString(DueFormat, System.Globalization.CultureInfo.InvariantCulture)}";

    /// <returns>The run ids submitted (or found submitted) in this tick.</returns>
    public async Task<IReadOnlyList<string>> SubmitDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var submitted = new List<string>();
        await foreach (var entry in schedules.ListAsync(ct).ConfigureAwait(false))
        {
            if (entry.Definition is not { Enabled: true } definition)
            {
                if (entry.Error is not null)
                    log.LogError("Schedule {Schedule} skipped: {Reason}", entry.Name, entry.Error);
                continue;
            }
            foreach (var due in DueTimes(entry, definition, now))
            {
                try
                {
                    if (await SubmitAsync(entry.Name, definition, due, ct).ConfigureAwait(false) is { } runId)
                        submitted.Add(runId);
                }
                catch (RunAlreadyExistsException e)
                {
                    log.LogError(e, "Schedule {Schedule} due {DueTime}: run id taken by another request", entry.Name, due);
                }
            }
        }
        return submitted;
    }

    IEnumerable<DateTimeOffset> DueTimes(ScheduleEntry entry, ScheduleDefinition definition, DateTimeOffset now)
    {
        if (entry.Name.Length > MaxNameLength)
        {
            log.LogError("Schedule {Schedule} skipped: names of schedules are at most {MaxLength} characters (the run id adds the due time)", entry.Name, MaxNameLength);
            return [];
        }
        CronExpression cron;
        TimeZoneInfo zone;
        try
        {
            cron = CronExpression.Parse(definition.Cron, CronFormat.Standard);
            zone = definition.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        }
        catch (Exception e) when (e is CronFormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            log.LogError("Schedule {Schedule} skipped: {Reason}", entry.Name, e.Message);
            return [];
        }
        var from = Max(now - options.Value.ScheduleLookback, entry.LastWritten);
        return from >= now ? [] : cron.GetOccurrences(from, now, zone, fromInclusive: false, toInclusive: true);
    }

    async Task<string?> SubmitAsync(string name, ScheduleDefinition definition, DateTimeOffset due, CancellationToken ct)
    {
        if (definition.Run.RunId is not null)
        {
            log.LogError("Schedule {Schedule} skipped: its run must not name a runId", name);
            return null;
        }
        var (request, validation) = runs.Prepare(definition.Run with { RunId = RunId(name, due) }, new ScheduleOrigin(name, due.ToUniversalTime()), due.ToUniversalTime());
        if (!validation.IsValid)
        {
            log.LogError("Schedule {Schedule} due {DueTime} not submitted: {Errors}", name, due, validation.ToString());
            return null;
        }
        var result = await runs.SubmitAsync(request, ct).ConfigureAwait(false);
        log.LogInformation("Schedule {Schedule} due {DueTime}: run {RunId} is {State}", name, due, request.RunId, result.Status.State);
        return request.RunId;
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
