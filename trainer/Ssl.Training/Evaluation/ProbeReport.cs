namespace Ssl.Training.Evaluation;

/// <summary>The baselines table: the same probes on the trained encoder, on the same architecture at its random
/// initialisation (the run's exact starting weights) and on raw pixels, so the value of SSL shows at a
/// glance.</summary>
public sealed record ProbeReport(
    int KnnK,
    double KnnTemperature,
    LinearProbeRecipe LinearProbe,
    int TopK,
    int TrainCount,
    int TestCount,
    ProbeScores Trained,
    ProbeScores RandomInit,
    ProbeScores RawPixels);
