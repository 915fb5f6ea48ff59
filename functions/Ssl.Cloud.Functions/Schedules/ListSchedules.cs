using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary><c>GET /api/schedules</c>: every schedule, with its next due times or why it cannot be read.</summary>
public sealed class ListSchedules(ScheduleStore schedules, TimeProvider time)
{
    [Function(nameof(ListSchedules))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schedules")] HttpRequest req,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var views = new List<ScheduleView>();
        await foreach (var entry in schedules.ListAsync(ct))
            views.Add(ScheduleView.From(entry, now));
        return new OkObjectResult(new { schedules = views });
    }
}
