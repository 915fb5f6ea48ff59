using Cronos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Core.Submission;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>DESIGN.md §3 step 4: submits a run for every due time of every schedule in the look-back window.
/// The run id is <c>{schedule}-{yyyyMMdd-HHmm}</c> of the due time (UTC) and the request's time is the due time,
/// so every tick that sees a due time submits the same bytes under the same id: one run, one message, however
/// often the timer fires (overlapping windows, a double firing, two instances).</summary>
public sealed class ScheduleRunner(ScheduleStore schedules, RunService runs, WarmStartSource warmStarts,
    TimeProvider time, IOptions<PipelineOptions> options, ILogger<ScheduleRunner> log)
{
    const string DueFormat = "yyyyMMdd-HHmm";
    public static string RunId(string schedule, DateTimeOffset due) =>
        $"{schedule}-{due.UtcDateTime.ToString(DueFormat, System.Globalization.CultureInfo.InvariantCulture)}";

    /// <returns>The run ids submitted (or found submitted) in this tick.</returns>
    public async Task<IReadOnlyList<string>> SubmitDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var submitted = new List<string>();
        await foreach (var entry in schedules.ListAsync(ct))
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
                    if (await SubmitAsync(entry.Name, definition, due, ct) is { } runId)
                        submitted.Add(runId);
                }
                catch (Exception e) when (e is RunAlreadyExistsException or DatasetNotFoundException
                                               or DatasetNotReadyException or WarmStartRejectedException
                                               or RequestValidationException)
                {
                    log.LogError("Schedule {Schedule} due {DueTime} not submitted: {Reason}",
                        entry.Name, due, e.Message);
                }
            }
        }
        return submitted;
    }

    IEnumerable<DateTimeOffset> DueTimes(ScheduleEntry entry, ScheduleDefinition definition, DateTimeOffset now)
    {
        var (cron, zone, errors) = ScheduleCheck.Parse(definition.Cron, definition.TimeZone);
        errors.AddRange(ScheduleCheck.Name(entry.Name));
        if (errors.Count > 0)
        {
            log.LogError("Schedule {Schedule} skipped: {Reason}",
                entry.Name, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
            return [];
        }
        var from = Max(now - options.Value.ScheduleLookback, entry.LastWritten);
        return from >= now ? [] : cron!.GetOccurrences(from, now, zone!, fromInclusive: false, toInclusive: true);
    }

    async Task<string?> SubmitAsync(
        string name, ScheduleDefinition definition, DateTimeOffset due, CancellationToken ct)
    {
        if (definition.Run.RunId is not null)
        {
            log.LogError("Schedule {Schedule} skipped: its run must not name a runId", name);
            return null;
        }
        var runId = RunId(name, due);
        var run = definition.Run with { RunId = runId };
        if (definition.WarmStart && run.WarmStartRunId is null)
            run = run with
            {
                WarmStartRunId = await warmStarts.LatestSucceededAsync(name, runId, ct)
            };
        var (request, validation) =
            runs.Prepare(run, new ScheduleOrigin(name, due.ToUniversalTime()), due.ToUniversalTime());
        if (!validation.IsValid)
        {
            log.LogError("Schedule {Schedule} due {DueTime} not submitted: {Errors}", name, due, validation.ToString());
            return null;
        }
        var result = await runs.SubmitAsync(request, ct);
        log.LogInformation("Schedule {Schedule} due {DueTime}: run {RunId} is {State}",
            name, due, request.RunId, result.Status.State);
        return request.RunId;
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
