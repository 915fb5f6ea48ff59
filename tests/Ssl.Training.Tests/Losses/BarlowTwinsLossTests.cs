using Ssl.Training.Losses;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Losses;

public class BarlowTwinsLossTests
{
    /// <summary>4 samples, 2 dimensions: each column has mean 0 and biased variance 1, and the columns are
    /// orthogonal.</summary>
    static Tensor Decorrelated() => tensor(new[,] { { 1.0, 1 }, { 1, -1 }, { -1, 1 }, { -1, -1 } });

    [Fact]
    public void Identity_cross_correlation_gives_zero_loss()
    {
        using var z = Decorrelated();
        using var c = BarlowTwinsLoss.CrossCorrelation(z, z);
        using var loss = BarlowTwinsLoss.Loss(z, z, lambda: 0.0051);
        using var identity = eye(2, dtype: ScalarType.Float64);
        Assert.True(c.allclose(identity, atol: 1e-5));
        Assert.Equal(0.0, loss.item<double>(), 9);
    }

    [Fact]
    public void A_known_small_matrix_gives_the_hand_computed_loss()
    {
        // zb swaps the two columns of za: C = [[0, 1], [1, 0]] (up to BN's epsilon), so
        // L = (1 - 0)^2 + (1 - 0)^2 + lambda (1^2 + 1^2) = 2 + 2 lambda.
        using var za = tensor(new[,] { { 1.0, 1 }, { 1, -1 }, { -1, 1 }, { -1, -1 } });
        using var zb = za.flip(1);
        using var loss = BarlowTwinsLoss.Loss(za, zb, lambda: 0.5);
        // each standardised column has norm^2 / N = 1 / (1 + eps)
        var shrink = 1 / (1 + BarlowTwinsLoss.StandardizeEpsilon);
        Assert.Equal(2 + 2 * 0.5 * shrink * shrink, loss.item<double>(), 12);
    }

    [Fact]
    public void Scale_multiplies_the_loss()
    {
        using var za = randn(8, 4, ScalarType.Float64, generator: new Generator(2));
        using var zb = randn(8, 4, ScalarType.Float64, generator: new Generator(3));
        using var one = BarlowTwinsLoss.Loss(za, zb, 0.0051);
        using var tenth = BarlowTwinsLoss.Loss(za, zb, 0.0051, scale: 0.1);
        Assert.Equal(0.1 * one.item<double>(), tenth.item<double>(), 12);
    }

    [Fact]
    public void Loss_and_cross_correlation_match_the_golden_fixture()
    {
        var f = GoldenFixture.Load("barlow_twins");
        using var za = f.Input("za");
        using var zb = f.Input("zb");
        using var loss = BarlowTwinsLoss.Loss(za, zb, f.Parameter("lambda"), f.Parameter("scale"));
        using var c = BarlowTwinsLoss.CrossCorrelation(za, zb);
        f.AssertClose("loss", loss);
        f.AssertClose("c", c);
    }
}
