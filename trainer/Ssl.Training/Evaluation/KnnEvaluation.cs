namespace Ssl.Training.Evaluation;

/// <summary>Weighted-kNN top-1 accuracy of the trained encoder and of the same architecture at its random
/// initialisation (the run's exact starting weights), on the held-out set.</summary>
public sealed record KnnEvaluation(int K, double Temperature, double Trained, double Random, int TrainCount, int TestCount);
