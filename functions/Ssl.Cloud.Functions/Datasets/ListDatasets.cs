using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>GET /api/datasets?continuation=</c>: one page of datasets with their status.</summary>
public sealed class ListDatasets(DatasetStore datasets)
{
    const int Page = 100;

    [Function(nameof(ListDatasets))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "datasets")] HttpRequest req,
        CancellationToken ct)
    {
        var (ids, continuation) =
            await datasets.ListDatasetIdsAsync(req.Query["continuation"].FirstOrDefault(), Page, ct);
        var rows = new List<object>();
        foreach (var id in ids)
            if (await datasets.GetManifestAsync(id, ct) is { } m)
                rows.Add(new
                {
                    datasetId = id, status = m.Value.Status, files = m.Value.Files.Count, updatedAt = m.Value.UpdatedAt
                });
        return new OkObjectResult(new { datasets = rows, continuation });
    }
}
