using Ssl.Training.Evaluation;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Evaluation;

public class RepresentationMetricsTests
{
    [Fact]
    public void Identical_embeddings_have_zero_std_rank_one_and_zero_uniformity()
    {
        using var z = ones(64, 16) * tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
        Assert.Equal(0, RepresentationMetrics.NormalizedStd(z), 6);
        Assert.Equal(1, RepresentationMetrics.EffectiveRank(z), 3);
        Assert.Equal(0, RepresentationMetrics.Uniformity(z), 6);
    }

    [Fact]
    public void Orthogonal_embeddings_of_equal_norm_have_full_effective_rank()
    {
        using var z = eye(8) * 3;
        Assert.Equal(8, RepresentationMetrics.EffectiveRank(z), 3);
    }

    [Fact]
    public void Gaussian_embeddings_have_normalised_std_near_one_over_sqrt_d()
    {
        using var z = randn(4096, 64, generator: new Generator(1));
        Assert.InRange(RepresentationMetrics.NormalizedStd(z) * Math.Sqrt(64), 0.97, 1.03);
    }

    [Fact]
    public void Alignment_of_identical_views_is_zero_and_of_opposite_views_is_four()
    {
        using var z = randn(32, 8, generator: new Generator(2));
        Assert.Equal(0, RepresentationMetrics.Alignment(z, z), 6);
        using var minus = -z;
        Assert.Equal(4, RepresentationMetrics.Alignment(z, minus), 5);
    }

    [Fact]
    public void Uniformity_of_two_antipodal_points_is_minus_eight()
    {
        // ||x - y||^2 = 4 for antipodal unit vectors: log exp(-2 * 4) = -8 (Wang & Isola, t = 2).
        using var z = tensor(new float[] { 1, 0, -1, 0 }).view(2, 2);
        Assert.Equal(-8, RepresentationMetrics.Uniformity(z), 5);
    }
}
