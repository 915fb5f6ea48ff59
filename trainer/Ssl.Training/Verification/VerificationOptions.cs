using Ssl.Training.Methods;

namespace Ssl.Training.Verification;

/// <summary>What <c>ssl verify</c> runs: the data model, which methods, how long, how wide, and how the
/// representations are probed.</summary>
public sealed record VerificationOptions
{
    public MultiviewOptions Data { get; init; } = new();

    /// <summary>Registered method names; empty means all of them.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 256;

    /// <summary>Hidden width and number of Linear layers of the MLP encoder.</summary>
    public int EncoderWidth { get; init; } = 128;
    public int EncoderLayers { get; init; } = 3;

    /// <summary>Width of the encoder's output, the features that are probed; null means dz, the shared feature
    /// dimension the theorem's encoders have (Lyu et al. 2022, §3).</summary>
    public int? FeatureDim { get; init; }

    /// <summary>Probe the embedding the loss aligns (projector / head output, <see cref="AlignedEmbedding"/>) instead
    /// of the backbone's features. The random-encoder control stays the untrained backbone.</summary>
    public bool ProbeEmbedding { get; init; }

    /// <summary>Width of the methods' projectors / predictors / heads on vector data (see
    /// <see cref="VectorRecipe"/>).</summary>
    public int HeadWidth { get; init; } = 256;

    /// <summary>Per-method hyper-parameter overrides, applied over <see cref="VectorRecipe"/>.</summary>
    public Dictionary<string, Dictionary<string, string>> Set { get; init; } = new();

    /// <summary>Samples in each of the regression's fit and test splits (both outside SSL training).</summary>
    public int ProbeSamples { get; init; } = 2000;

    /// <summary>R^2(z) at or above this counts as "z recovered" (the acceptance bound of issue 7).</summary>
    public double SharedThreshold { get; init; } = 0.8;

    /// <summary>R^2(c) at or below this counts as "c excluded".</summary>
    public double PrivateThreshold { get; init; } = 0.3;

    public long Seed { get; init; }
    public string Device { get; init; } = "auto";

    public int ResolvedFeatureDim => FeatureDim ?? Data.SharedDim;

    /// <summary>SSL training samples: what the two probe splits leave.</summary>
    public int TrainCount => Data.Samples - 2 * ProbeSamples;

    public IReadOnlyList<string> ResolvedMethods => Methods.Count == 0 ? MethodRegistry.Names : Methods;

    public void Validate()
    {
        Data.Validate();
        foreach (var m in ResolvedMethods) MethodRegistry.Get(m);
        foreach (var m in Set.Keys)
            if (!ResolvedMethods.Contains(m))
                throw new ArgumentException($"--set names method '{m}', which is not being verified.");
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1, got {Epochs}.");
        if (BatchSize < 2) throw new ArgumentException($"batch-size must be at least 2, got {BatchSize}.");
        if (EncoderWidth < 1 || EncoderLayers < 1 || HeadWidth < 4)
            throw new ArgumentException("encoder-width and encoder-layers must be at least 1, head-width at least 4.");
        if (FeatureDim is < 1) throw new ArgumentException($"feature-dim must be at least 1, got {FeatureDim}.");
        if (ProbeSamples < 50) throw new ArgumentException($"probe-samples must be at least 50, got {ProbeSamples}.");
        if (TrainCount < BatchSize)
            throw new ArgumentException(
                $"samples {Data.Samples} leave {TrainCount} for training after 2 x {ProbeSamples} probe samples; " +
                $"that is less than one batch of {BatchSize}.");
    }
}
