using Ssl.Training.Evaluation;
using Ssl.Training.Runs;

namespace Ssl.Training.Reports;

/// <summary>The machine-readable report of a run (<c>report.json</c>). <see cref="SchemaVersion"/> changes when a
/// field changes meaning or is removed; new fields may be added within a version. Documented in
/// docs/report-schema.md. Version 2 replaced <c>knn</c> by <c>probes</c> (kNN and linear probe for the trained
/// encoder, the random initialisation and raw pixels) and added the per-step learning rate, the per-epoch monitors,
/// the kNN history, the PCA projection and the failure kind.</summary>
public sealed record TrainingReport
{
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    /// <summary><c>succeeded</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }
    public FailureKind? FailureKind { get; init; }
    public string? FailureReason { get; init; }
    public required string Method { get; init; }
    public required string MethodReference { get; init; }
    public required IReadOnlyDictionary<string, double> HyperParameters { get; init; }
    public required TrainingOptions Options { get; init; }
    public required DatasetSummary Dataset { get; init; }
    public required string Device { get; init; }
    public required IReadOnlyList<EpochMetrics> Epochs { get; init; }
    public required IReadOnlyList<float> StepLosses { get; init; }
    /// <summary>The scheduled (encoder) learning rate of each step in <see cref="StepLosses"/>.</summary>
    public required IReadOnlyList<double> StepLearningRates { get; init; }
    public required IReadOnlyList<CollapseMetrics> Monitors { get; init; }
    public required IReadOnlyList<KnnPoint> KnnHistory { get; init; }
    public ProbeReport? Probes { get; init; }
    public EmbeddingProjection? Projection { get; init; }
    public required double TrainingSeconds { get; init; }
    /// <summary>Training images per second over the whole run (augmentation, forward, backward, step).</summary>
    public required double ImagesPerSecond { get; init; }
    public double EvaluationSeconds { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
}

public sealed record DatasetSummary(string Name, int TrainCount, int TestCount, int Channels, int Height, int Width,
    IReadOnlyList<string> Classes);
