using Ssl.Training.Evaluation;
using Ssl.Training.Reports;
using Ssl.Training.Runs;

namespace Ssl.Training.Tests.Support;

/// <summary>A complete report without training anything, for rendering tests.</summary>
static class SampleReports
{
    public static TrainingReport Succeeded(params string[] classes) => new()
    {
        RunId = "run-1",
        Status = "succeeded",
        Method = "simsiam",
        MethodReference = "Chen & He 2021",
        HyperParameters = new Dictionary<string, double> { ["projector-dim"] = 32 },
        Options = new TrainingOptions { Epochs = 3 },
        Dataset = new DatasetSummary("tiny", 100, 40, 3, 16, 16, classes.Length > 0 ? classes : ["cat", "dog"]),
        Device = "cpu",
        Epochs = [new(1, -0.1, 0.05, 100, 1), new(2, -0.3, 0.03, 110, 1), new(3, -0.5, 0.01, 120, 1)],
        StepLosses = [-0.05f, -0.1f, -0.2f, -0.3f, -0.4f, -0.5f],
        StepLearningRates = [0.05, 0.045, 0.035, 0.025, 0.015, 0.01],
        Monitors = [new(1, 32, 0.1, 0.6, 9, 0.9, -1.2, 0.6, 10), new(2, 32, 0.15, 0.9, 11, 0.8, -1.8, 0.6, 12),
            new(3, 32, 0.16, 0.95, 12, 0.7, -2, 0.6, 13)],
        KnnHistory = [new(2, 0.6), new(3, 0.7)],
        Probes = new ProbeReport(200, 0.1, new LinearProbeRecipe(), 2, 100, 40, new(0.7, 0.75, 1), new(0.5, 0.55, 1),
            new(0.4, 0.6, 1)),
        Projection = new EmbeddingProjection("pca", [0.6, 0.2], [0f, 1f, 2f, 3f], [1f, 0f, 1f, 0f], [0, 1, 0, 1]),
        TrainingSeconds = 3,
        ImagesPerSecond = 110,
        FinishedAt = DateTimeOffset.UnixEpoch,
    };
}
