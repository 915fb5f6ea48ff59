using Microsoft.Extensions.Logging;
using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>Writing a schedule: the name, the cron and time zone, and the run template checked as a submit
/// checks it (<see cref="RunService.Prepare"/>), every problem at once; nothing is written unless all pass.</summary>
public sealed class ScheduleService(
    ScheduleStore schedules, RunService runs, TimeProvider time, ILogger<ScheduleService> log)
{
    public (ScheduleDefinition? Definition, ValidationResult Validation) Check(string name, ScheduleBody body)
    {
        var errors = new List<FieldError>(ScheduleCheck.Name(name));
        var (_, _, cronErrors) = ScheduleCheck.Parse(body.Cron, body.TimeZone);
        errors.AddRange(cronErrors);
        if (body.Run is null)
            errors.Add(new FieldError("run", "is required: the run options each due time submits"));
        else
        {
            if (body.Run.RunId is not null)
                errors.Add(new FieldError("run.runId", "must be absent: each due time makes its own run id"));
            if (body.WarmStart == true && body.Run.WarmStartRunId is not null)
                errors.Add(new FieldError("run.warmStartRunId",
                    "must be absent with warmStart: true (each run starts from the one before)"));
            var (_, validation) =
                runs.Prepare(body.Run with { RunId = ScheduleRunner.RunId("schedule-check", time.GetUtcNow()) });
            errors.AddRange(validation.Errors.Where(e => e.Field != "runId")
                .Select(e => e with { Field = "run." + e.Field }));
        }
        if (errors.Count > 0) return (null, new ValidationResult(errors));
        return (new ScheduleDefinition
        {
            Cron = body.Cron!,
            TimeZone = body.TimeZone,
            Enabled = body.Enabled ?? true,
            WarmStart = body.WarmStart ?? false,
            Run = body.Run!,
        }, new ValidationResult([]));
    }

    public async Task<(ScheduleView View, bool Created)> PutAsync(
        string name, ScheduleDefinition definition, CancellationToken ct)
    {
        var created = await schedules.PutAsync(name, definition, ct);
        var entry = await schedules.GetAsync(name, ct)
            ?? throw new InvalidOperationException($"schedule '{name}' vanished after it was written");
        log.LogInformation("Schedule {Schedule} {Action}: {Cron} ({TimeZone}), warm start {WarmStart}",
            name, created ? "created" : "replaced", definition.Cron, definition.TimeZone ?? "UTC",
            definition.WarmStart);
        return (ScheduleView.From(entry, time.GetUtcNow()), created);
    }
}
