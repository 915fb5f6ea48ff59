using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Runs;

/// <summary><c>GET /api/runs/{id}</c>: the run's <c>status.json</c> (state, progress, attempts) as stored.</summary>
public sealed class GetRun(RunStore runs)
{
    [Function(nameof(GetRun))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequest req,
        string id,
        CancellationToken ct)
    {
        if (Problems.InvalidId(id) is { } invalid) return invalid;
        var status = await runs.GetStatusAsync(id, ct);
        return status is null ? Problems.Missing("run", id) : JsonDocumentResult.Ok(status.Value);
    }
}
