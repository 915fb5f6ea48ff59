namespace Ssl.Training.Evaluation;

/// <summary>What the probes say about one set of features: weighted-kNN top-1 and linear-probe top-1 / top-k
/// accuracy on the held-out set, each in [0, 1].</summary>
public sealed record ProbeScores(double Knn, double LinearTop1, double LinearTopK);
