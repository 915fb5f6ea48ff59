namespace Ssl.Training.Methods;

/// <summary>How long and on what a run trains: what <see cref="RecipeRule"/>s need to express a paper's
/// long-run schedule relative to this run.</summary>
/// <param name="StepsPerEpoch">Optimiser steps per epoch (training images / batch size).</param>
/// <param name="Epochs">Epochs of the whole run.</param>
/// <param name="FeatureDim">Width of the backbone's features, which the heads are sized to.</param>
public sealed record RunShape(long StepsPerEpoch, int Epochs, int FeatureDim)
{
    public long TotalSteps => StepsPerEpoch * Epochs;

    /// <summary>The run the reference recipes were set for: solo-learn's CIFAR-10 configs (and DESIGN §7), a
    /// ResNet-18 with the CIFAR stem (512 features), 1000 epochs of 50,000 images at batch 256, i.e.
    /// 195 steps an epoch, 195,000 steps. Every rule gives back the paper's value on this run.</summary>
    public static RunShape Reference { get; } = new(50_000 / 256, 1000, 512);
}
