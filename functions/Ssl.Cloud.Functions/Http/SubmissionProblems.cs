using Microsoft.AspNetCore.Mvc;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Functions.Http;

/// <summary>The answer for each refusal of <see cref="RunService.SubmitAsync"/> (docs/api.md, Runs): 400 by field,
/// 404 unknown dataset, 409 dataset not Ready or run id taken, 422 warm-start source missing or incompatible.</summary>
public static class SubmissionProblems
{
    public static IActionResult? From(Exception e) => e switch
    {
        RequestValidationException invalid => Problems.Invalid(invalid.Errors),
        DatasetNotFoundException missing =>
            Problems.Missing("dataset", missing.DatasetId, "datasetId"),
        DatasetNotReadyException notReady => Problems.Conflict(notReady.Message, "datasetId"),
        WarmStartRejectedException warm => Problems.Unprocessable(warm.Field, warm.Message),
        RunAlreadyExistsException taken => Problems.Conflict(taken.Message, "runId"),
        _ => null,
    };
}
