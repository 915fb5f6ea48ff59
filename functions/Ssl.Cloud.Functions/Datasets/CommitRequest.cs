using Ssl.Cloud.Core.Submission;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The optional body of <c>POST /api/datasets/{id}/commit</c>: a train spec, instead of one at
/// creation.</summary>
public sealed record CommitRequest
{
    public RunSubmission? Train { get; init; }
}
