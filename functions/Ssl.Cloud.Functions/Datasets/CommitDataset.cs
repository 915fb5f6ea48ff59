using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>POST /api/datasets/{id}/commit</c>: 202 with the status and where to poll it. Validation runs for up
/// to <c>CommitBudget</c> here, then goes on in <see cref="ContinueValidation"/>; it never depends on this request
/// finishing. A dataset with a train spec submits its run when it is Ready. Commit again: the current state,
/// nothing resubmitted.</summary>
public sealed class CommitDataset(DatasetService datasets, IOptions<PipelineOptions> options)
{
    [Function(nameof(CommitDataset))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "datasets/{id}/commit")] HttpRequest req,
        string id,
        CancellationToken ct)
    {
        if (Problems.InvalidId(id) is { } invalid) return invalid;
        var (body, problem) =
            await JsonBody.ReadAsync<CommitRequest>(req, options.Value.MaxRequestBytes, optional: true, ct);
        if (problem is not null) return problem;
        var (spec, errors) = datasets.CheckTrain(id, body?.Train);
        if (errors.Count > 0) return Problems.Invalid(errors);
        try
        {
            var manifest = await datasets.CommitAsync(id, spec, ct);
            var statusUrl = $"/api/datasets/{id}";
            return new AcceptedResult(statusUrl, new CommitAccepted(id, manifest.Status, statusUrl));
        }
        catch (Exception e) when (DatasetProblems.From(e, id, conflictField: "train") is { } answer)
        {
            return answer;
        }
    }
}
