using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>POST /api/datasets</c>: a dataset to upload into, optionally with a run to train once it is Ready.
/// 201 new; 200 the same id again while it is uploading; 409 when it no longer takes uploads or has another
/// spec.</summary>
public sealed class CreateDataset(DatasetService datasets, IOptions<PipelineOptions> options)
{
    [Function(nameof(CreateDataset))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "datasets")] HttpRequest req,
        CancellationToken ct)
    {
        var (body, problem) =
            await JsonBody.ReadAsync<DatasetCreation>(req, options.Value.MaxRequestBytes, optional: true, ct);
        if (problem is not null) return problem;
        var id = body?.DatasetId ?? datasets.NewDatasetId();
        if (Problems.InvalidId(id, "datasetId") is { } invalid) return invalid;
        var (spec, errors) = datasets.CheckTrain(id, body?.Train);
        if (errors.Count > 0) return Problems.Invalid(errors);
        try
        {
            var (manifest, created) = await datasets.CreateAsync(id, spec, ct);
            var answer = DatasetCreated.From(manifest);
            return created ? new CreatedResult($"/api/datasets/{id}", answer) : new OkObjectResult(answer);
        }
        catch (Exception e) when (DatasetProblems.From(e, id, conflictField: "datasetId") is { } answer)
        {
            return answer;
        }
    }
}
