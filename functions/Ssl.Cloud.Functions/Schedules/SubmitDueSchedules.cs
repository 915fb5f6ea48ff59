using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>Every minute: submit the runs of due schedules (<c>schedules/{name}.json</c>).</summary>
public sealed class SubmitDueSchedules(ScheduleRunner schedules, ILogger<SubmitDueSchedules> log)
{
    [Function(nameof(SubmitDueSchedules))]
    public async Task Run([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken ct)
    {
        var runs = await schedules.SubmitDueAsync(ct);
        if (runs.Count > 0 || timer.IsPastDue)
            log.LogInformation("Schedules tick (past due: {PastDue}) submitted {RunCount} run(s): {RunIds}",
                timer.IsPastDue, runs.Count, string.Join(", ", runs));
    }
}
