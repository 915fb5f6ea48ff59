using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Submission;

namespace Ssl.Cloud.Functions.Runs;

/// <summary>The answer to <c>POST /api/runs</c>: where to poll, and whether this call created the run.</summary>
public sealed record RunAccepted(
    string RunId, RunState State, bool Created, string StatusUrl, string ArtifactsUrl, string CancelUrl)
{
    public static RunAccepted From(RunSubmitted submitted) => new(
        submitted.Request.RunId, submitted.Status.State, submitted.Created,
        $"/api/runs/{submitted.Request.RunId}",
        $"/api/runs/{submitted.Request.RunId}/artifacts",
        $"/api/runs/{submitted.Request.RunId}/cancel");
}
