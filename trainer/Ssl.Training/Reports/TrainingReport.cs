using Ssl.Training.Evaluation;
using Ssl.Training.Training;

namespace Ssl.Training.Reports;

/// <summary>The machine-readable report of a run (<c>report.json</c>). <see cref="SchemaVersion"/> changes when a
/// field changes meaning or is removed; new fields may be added within a version. Documented in docs/report.md.</summary>
public sealed record TrainingReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required string Status { get; init; }
    public string? FailureReason { get; init; }
    public required string Method { get; init; }
    public required string MethodReference { get; init; }
    public required IReadOnlyDictionary<string, double> HyperParameters { get; init; }
    public required TrainingOptions Options { get; init; }
    public required DatasetSummary Dataset { get; init; }
    public required string Device { get; init; }
    public required IReadOnlyList<EpochMetrics> Epochs { get; init; }
    public required IReadOnlyList<float> StepLosses { get; init; }
    public KnnEvaluation? Knn { get; init; }
    public required double TrainingSeconds { get; init; }
    public double EvaluationSeconds { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
}

public sealed record DatasetSummary(string Name, int TrainCount, int TestCount, int Channels, int Height, int Width, IReadOnlyList<string> Classes);
