using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary><c>PUT /api/schedules/{name}</c>: create or replace a schedule; the answer shows its next three due times.
/// The route takes the rest of the path so that a name with '/' is refused by name, not by a bare 404.</summary>
public sealed class PutSchedule(ScheduleService schedules, IOptions<PipelineOptions> options)
{
    [Function(nameof(PutSchedule))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "schedules/{*name}")] HttpRequest req,
        string name,
        CancellationToken ct)
    {
        var (body, problem) =
            await JsonBody.ReadAsync<ScheduleBody>(req, options.Value.MaxRequestBytes, optional: false, ct);
        if (problem is not null) return problem;
        var (definition, validation) = schedules.Check(name, body!);
        if (definition is null) return Problems.Invalid(validation.Errors);
        var (view, created) = await schedules.PutAsync(name, definition, ct);
        return created ? new CreatedResult($"/api/schedules/{name}", view) : new OkObjectResult(view);
    }
}
