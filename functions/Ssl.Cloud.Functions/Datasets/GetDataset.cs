using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>GET /api/datasets/{id}</c>: the manifest summary (status, counts, classes, rejected files,
/// run).</summary>
public sealed class GetDataset(DatasetStore datasets)
{
    [Function(nameof(GetDataset))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "datasets/{id}")] HttpRequest req,
        string id,
        CancellationToken ct)
    {
        if (Problems.InvalidId(id) is { } invalid) return invalid;
        return await datasets.GetManifestAsync(id, ct) is { } manifest
            ? new OkObjectResult(DatasetSummary.From(manifest.Value))
            : Problems.Missing("dataset", id);
    }
}
