using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>Draws the two-view data of <see cref="MultiviewOptions"/>: z, c(1), c(2) independent, x(q) = g(q)([z;
/// c(q)]).
/// Everything comes from one seeded generator, so the same options give the same data and maps.</summary>
public static class MultiviewGenerator
{
    const int ProbeSamples = 4096;

    public static MultiviewData Generate(MultiviewOptions options)
    {
        options.Validate();
        using var rng = new Generator((ulong)options.Seed + 0x5EED);
        using var scope = NewDisposeScope();
        var n = options.Samples;
        var z = Draw(options.Shared, n, options.SharedDim, rng);
        var c1 = Draw(options.Private, n, options.PrivateDim, rng);
        var c2 = Draw(options.Private, n, options.PrivateDim, rng);
        var g1 = NewMixing(options, rng);
        var g2 = options.ViewSpecificMixing ? NewMixing(options, rng) : g1;
        var x1 = g1.Forward(cat([z, c1], 1)).to_type(ScalarType.Float32);
        var x2 = g2.Forward(cat([z, c2], 1)).to_type(ScalarType.Float32);
        var tensors = new[] { z, c1, c2, x1, x2 }.Select(t => t.to_type(ScalarType.Float32).DetachFromDisposeScope())
            .ToArray();
        return new MultiviewData(tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], g1, g2);
    }

    static InvertibleMixing NewMixing(MultiviewOptions options, Generator rng)
    {
        using var scope = NewDisposeScope();
        var probe = cat(
            [Draw(options.Shared, ProbeSamples, options.SharedDim, rng),
                Draw(options.Private, ProbeSamples, options.PrivateDim, rng)], 1);
        return new InvertibleMixing(options.InputDim, options.MixingLayers, options.LeakSlope, rng, probe);
    }

    /// <summary>[n, d] float64 draws with zero mean and unit variance.</summary>
    public static Tensor Draw(LatentDistribution distribution, int n, int d, Generator rng)
    {
        using var scope = NewDisposeScope();
        var t = distribution switch
        {
            LatentDistribution.Gaussian => randn(n, d, dtype: ScalarType.Float64, generator: rng),
            LatentDistribution.Uniform =>
                rand(n, d, dtype: ScalarType.Float64, generator: rng).Mul(2).Sub(1).Mul(Math.Sqrt(3)),
            // Inverse CDF of Laplace(0, b), b = 1/sqrt 2 for unit variance; u in (-1/2, 1/2).
            LatentDistribution.Laplace =>
                LaplaceFromUniform(rand(n, d, dtype: ScalarType.Float64, generator: rng).Sub(0.5)),
            _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, null),
        };
        return t.MoveToOuterDisposeScope();
    }

    static Tensor LaplaceFromUniform(Tensor u) =>
        u.sign().Mul(-(1 / Math.Sqrt(2))) * u.abs().Mul(2).RSub(1).ClampMin(1e-300).log();
}
