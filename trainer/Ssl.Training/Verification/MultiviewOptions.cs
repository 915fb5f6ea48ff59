namespace Ssl.Training.Verification;

/// <summary>The synthetic two-view model of Lyu et al. (ICLR 2022, Eq. 1): x(q) = g(q)([z; c(q)]) for q = 1, 2,
/// with a shared z in R^dz and private c(q) in R^dc, all independent, and each g(q) a random invertible smooth
/// map of R^(dz+dc) onto itself.</summary>
public sealed record MultiviewOptions
{
    public int SharedDim { get; init; } = 4;
    public int PrivateDim { get; init; } = 4;
    public int Samples { get; init; } = 20_000;
    public LatentDistribution Shared { get; init; } = LatentDistribution.Gaussian;
    public LatentDistribution Private { get; init; } = LatentDistribution.Gaussian;

    /// <summary>Orthogonal-mixing + leaky-tanh layers in each g(q).</summary>
    public int MixingLayers { get; init; } = 3;

    /// <summary>The linear part a of the element-wise map u -> tanh(u) + a u: its slope lies in (a, 1 + a], so
    /// the map is strictly monotone, and the smaller a, the more non-linear g is.</summary>
    public double LeakSlope { get; init; } = 0.1;

    /// <summary>One g for both views (the default) or a different random g(q) per view. The theorem allows either,
    /// but it assumes one encoder per view; the methods here share one encoder between the views (a siamese
    /// network), which can invert a single g but cannot in general invert two different ones at once.</summary>
    public bool ViewSpecificMixing { get; init; }

    public long Seed { get; init; }

    public int InputDim => SharedDim + PrivateDim;

    public void Validate()
    {
        if (SharedDim < 1) throw new ArgumentException($"dz must be at least 1, got {SharedDim}.");
        if (PrivateDim < 1) throw new ArgumentException($"dc must be at least 1, got {PrivateDim}.");
        if (Samples < 100) throw new ArgumentException($"samples must be at least 100, got {Samples}.");
        if (MixingLayers < 1) throw new ArgumentException($"mixing-layers must be at least 1, got {MixingLayers}.");
        if (!(LeakSlope > 0))
            throw new ArgumentException($"leak-slope must be > 0 (else the map is not invertible), got {LeakSlope}.");
    }
}
