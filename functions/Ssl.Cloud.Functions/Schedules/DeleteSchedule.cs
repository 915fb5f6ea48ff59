using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary><c>DELETE /api/schedules/{name}</c>: no further runs; runs already submitted are left alone.</summary>
public sealed class DeleteSchedule(ScheduleStore schedules, ILogger<DeleteSchedule> log)
{
    [Function(nameof(DeleteSchedule))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "schedules/{*name}")] HttpRequest req,
        string name,
        CancellationToken ct)
    {
        if (ScheduleCheck.Name(name).ToList() is { Count: > 0 } errors) return Problems.Invalid(errors);
        if (!await schedules.DeleteAsync(name, ct)) return Problems.Missing("schedule", name);
        log.LogInformation("Schedule {Schedule} deleted", name);
        return new NoContentResult();
    }
}
