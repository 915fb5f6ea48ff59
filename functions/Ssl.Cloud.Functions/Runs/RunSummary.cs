using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Functions.Runs;

/// <summary>One row of <c>GET /api/runs</c>.</summary>
public sealed record RunSummary(
    string RunId, RunState State, string? DatasetId, string? Method, DateTimeOffset UpdatedAt);
