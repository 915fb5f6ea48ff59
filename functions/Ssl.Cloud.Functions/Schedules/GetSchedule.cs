using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary><c>GET /api/schedules/{name}</c>: the schedule and its next three due times.</summary>
public sealed class GetSchedule(ScheduleStore schedules, TimeProvider time)
{
    [Function(nameof(GetSchedule))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schedules/{*name}")] HttpRequest req,
        string name,
        CancellationToken ct)
    {
        if (ScheduleCheck.Name(name).ToList() is { Count: > 0 } errors) return Problems.Invalid(errors);
        return await schedules.GetAsync(name, ct) is { } entry
            ? new OkObjectResult(ScheduleView.From(entry, time.GetUtcNow()))
            : Problems.Missing("schedule", name);
    }
}
