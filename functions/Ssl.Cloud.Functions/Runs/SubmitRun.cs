using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Runs;

/// <summary><c>POST /api/runs</c>: the run options of docs/api.md, submitted through
/// <see cref="RunService"/>.</summary>
public sealed class SubmitRun(RunService runs, IOptions<PipelineOptions> options, ILogger<SubmitRun> log)
{
    [Function(nameof(SubmitRun))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest req,
        CancellationToken ct)
    {
        var (body, problem) =
            await JsonBody.ReadAsync<RunSubmission>(req, options.Value.MaxRequestBytes, optional: false, ct);
        if (problem is not null) return problem;
        var (request, validation) = runs.Prepare(body!);
        if (!validation.IsValid)
        {
            log.LogInformation("Run submit refused: {FieldCount} invalid field(s): {Fields}",
                validation.Errors.Count, string.Join(", ", validation.Errors.Select(e => e.Field)));
            return Problems.Invalid(validation.Errors);
        }
        try
        {
            var accepted = RunAccepted.From(await runs.SubmitAsync(request, ct));
            return new AcceptedResult(accepted.StatusUrl, accepted);
        }
        catch (Exception e) when (SubmissionProblems.From(e) is { } answer)
        {
            log.LogInformation("Run {RunId} refused: {Reason}", request.RunId, e.Message);
            return answer;
        }
    }
}
