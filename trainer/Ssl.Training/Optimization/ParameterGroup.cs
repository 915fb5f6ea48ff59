using TorchSharp.Modules;

namespace Ssl.Training.Optimization;

/// <summary>Parameters that share a learning-rate rule. <see cref="FixedLearningRate"/> keeps the group at the base
/// learning rate instead of following the warm-up + cosine schedule (SimSiam's predictor, Chen &amp; He 2021
/// §4.4).</summary>
public sealed record ParameterGroup(string Name, IReadOnlyList<(string Name, Parameter Parameter)> Parameters)
{
    public bool FixedLearningRate { get; init; }
    public double LearningRateScale { get; init; } = 1.0;
}
