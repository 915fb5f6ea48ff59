namespace Ssl.Training.Verification;

/// <summary>The distribution each coordinate of a latent (z or c) is drawn from, independently, all with zero mean
/// and unit variance so that no component dominates the mixing by scale alone.</summary>
public enum LatentDistribution
{
    /// <summary>N(0, 1).</summary>
    Gaussian,

    /// <summary>U(-sqrt 3, sqrt 3).</summary>
    Uniform,

    /// <summary>Laplace with scale 1/sqrt 2 (heavy tails).</summary>
    Laplace,
}
