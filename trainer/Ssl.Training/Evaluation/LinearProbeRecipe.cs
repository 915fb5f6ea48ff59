namespace Ssl.Training.Evaluation;

/// <summary>The fixed recipe of the linear probe, so that numbers from different runs are comparable:
/// multinomial logistic regression on standardised frozen features, SGD with Nesterov momentum and a
/// cosine-decayed learning rate (the SSL papers' linear evaluation),
/// mini-batches in a seeded order, L2 penalty on the weights.</summary>
public sealed record LinearProbeRecipe
{
    public int Epochs { get; init; } = 50;
    public int BatchSize { get; init; } = 256;
    public double LearningRate { get; init; } = 0.1;
    public double Momentum { get; init; } = 0.9;
    /// <summary>Coefficient of 0.5 ||W||^2 added to the mean cross-entropy (the bias is not penalised).</summary>
    public double WeightDecay { get; init; } = 1e-4;
    public long Seed { get; init; }
    /// <summary>k of the top-k accuracy reported next to top-1 (capped at the number of classes).</summary>
    public int TopK { get; init; } = 5;
}
