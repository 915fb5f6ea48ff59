using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Runs;

/// <summary><c>GET /api/runs?continuation=&amp;state=</c>: one page of runs (by id) with state, dataset and method;
/// <c>state</c> filters the page.</summary>
public sealed class ListRuns(RunStore runs)
{
    const int Page = 100;

    [Function(nameof(ListRuns))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest req,
        CancellationToken ct)
    {
        RunState? state = null;
        if (req.Query["state"].FirstOrDefault() is { } text)
        {
            if (!Enum.TryParse<RunState>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Problems.Invalid("state",
                    $"'{text}' is not one of {string.Join(", ", Enum.GetNames<RunState>())}");
            state = parsed;
        }
        var (ids, continuation) =
            await runs.ListRunIdsAsync(null, req.Query["continuation"].FirstOrDefault(), Page, ct);
        var rows = new List<RunSummary>();
        foreach (var id in ids)
        {
            if ((await runs.GetStatusAsync(id, ct))?.Value is not { } status
                || (state is { } s && status.State != s)) continue;
            var request = await runs.GetRequestAsync(id, ct);
            rows.Add(new RunSummary(id, status.State, request?.DatasetId, request?.Method, status.UpdatedAt));
        }
        return new OkObjectResult(new { runs = rows, continuation });
    }
}
