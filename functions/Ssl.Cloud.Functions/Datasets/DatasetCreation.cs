using Ssl.Cloud.Core.Submission;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The body of <c>POST /api/datasets</c>: an optional id (else one is made) and an optional run to
/// submit once the dataset is Ready (train-on-commit; its <c>datasetId</c> is this dataset).</summary>
public sealed record DatasetCreation
{
    public string? DatasetId { get; init; }
    public RunSubmission? Train { get; init; }
}
