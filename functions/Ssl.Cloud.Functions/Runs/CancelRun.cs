using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Runs;

/// <summary><c>POST /api/runs/{id}/cancel</c>: a queued run is cancelled at once (its message is completed
/// without training when it arrives); a live one is flagged and stops at the next step with a checkpoint.</summary>
public sealed class CancelRun(RunStore runs, ILogger<CancelRun> log)
{
    [Function(nameof(CancelRun))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{id}/cancel")] HttpRequest req,
        string id,
        CancellationToken ct)
    {
        if (Problems.InvalidId(id) is { } invalid) return invalid;
        try
        {
            if ((await runs.GetStatusAsync(id, ct))?.Value is { IsTerminal: true } finished)
                return Problems.Conflict(
                    $"run '{id}' is {finished.State}, a final state; there is nothing to cancel", "id");
            var status = await runs.RequestCancelAsync(id, ct);
            log.LogInformation("Cancel of run {RunId} requested; state {State}", id, status.State);
            return JsonDocumentResult.Ok(status);
        }
        catch (RunNotFoundException)
        {
            return Problems.Missing("run", id);
        }
    }
}
