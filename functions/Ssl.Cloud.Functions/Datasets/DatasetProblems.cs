using Microsoft.AspNetCore.Mvc;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The answer for each refusal of <see cref="DatasetService"/>: 404 when the dataset does not exist, 409
/// when its state forbids the call; null for any other exception.</summary>
public static class DatasetProblems
{
    /// <param name="conflictField">The request field a 409 names, when one is to blame.</param>
    public static IActionResult? From(Exception e, string datasetId, string? conflictField = null) => e switch
    {
        DatasetNotFoundException => Problems.Missing("dataset", datasetId),
        DatasetStateException state => Problems.Conflict(state.Message, conflictField),
        _ => null,
    };
}
