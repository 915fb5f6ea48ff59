using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>POST /api/datasets</c>: a dataset id and one write-only upload link per listed file.</summary>
public sealed class CreateDataset(DatasetService datasets, IOptions<PipelineOptions> options)
{
    [Function(nameof(CreateDataset))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "datasets")] HttpRequest req,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DatasetCreation>(req, options.Value.MaxRequestBytes, optional: false, ct);
        if (problem is not null) return problem;
        var validation = datasets.Check(body!);
        if (!validation.IsValid) return Problems.Invalid(validation.Errors);
        var id = body!.DatasetId ?? datasets.NewDatasetId();
        var created = await datasets.CreateAsync(id, body.Files!, ct);
        return created is null
            ? Problems.Conflict($"Dataset '{id}' was committed; it takes no more uploads")
            : new CreatedResult(created.CommitUrl, created);
    }
}
