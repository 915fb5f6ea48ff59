namespace Ssl.Training.Evaluation;

/// <summary>Weighted-kNN top-1 accuracy on the held-out set after <see cref="Epoch"/> epochs.</summary>
public sealed record KnnPoint(int Epoch, double Accuracy);
