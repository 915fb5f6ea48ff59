using System.Text.Json;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>The run options of docs/api.md: a run request's body, a dataset's <c>train</c> spec (no
/// <see cref="DatasetId"/>) and a schedule's <c>run</c> template.</summary>
public sealed record RunSpec
{
    /// <summary>Only in a run request (<c>POST /api/runs</c>); the API makes one when absent.</summary>
    public string? RunId { get; init; }

    public string? DatasetId { get; init; }
    public required string Method { get; init; }
    public required string Encoder { get; init; }
    public int? Epochs { get; init; }
    public double? Minutes { get; init; }
    public int? BatchSize { get; init; }
    public Dictionary<string, JsonElement> HyperParameters { get; init; } = [];
    public string? WarmStartRunId { get; init; }
}
