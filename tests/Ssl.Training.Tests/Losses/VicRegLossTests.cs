using Ssl.Training.Losses;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Losses;

public class VicRegLossTests
{
    [Fact]
    public void Identical_decorrelated_embeddings_with_unit_spread_give_zero()
    {
        // Columns of mean 0, unbiased variance 4/3 (std > 1) and zero covariance.
        using var z = tensor(new[,] { { 1.0, 1 }, { 1, -1 }, { -1, 1 }, { -1, -1 } });
        using var loss = VicRegLoss.Loss(z, z, 25, 25, 1);
        Assert.Equal(0.0, loss.item<double>(), 12);
    }

    [Fact]
    public void Collapsed_embeddings_pay_the_full_variance_hinge()
    {
        // Constant embeddings: std = sqrt(eps) = 0.01 in every dimension, so v = 0.99 for each branch.
        using var z = full(8, 3, 0.7, ScalarType.Float64);
        using var loss = VicRegLoss.Loss(z, z, 25, 25, 1);
        Assert.Equal(25 * 2 * 0.99, loss.item<double>(), 10);
    }

    [Fact]
    public void Covariance_term_is_the_squared_off_diagonal_over_d()
    {
        // Two identical columns with unbiased variance 4/3: C = 4/3 [[1, 1], [1, 1]], c = 2 (4/3)^2 / 2.
        using var z = tensor(new[,] { { 1.0, 1 }, { 1, 1 }, { -1, -1 }, { -1, -1 } });
        using var c = VicRegLoss.Covariance(z);
        Assert.Equal(16.0 / 9, c.item<double>(), 12);
    }

    [Fact]
    public void Loss_and_its_terms_match_the_golden_fixture()
    {
        var f = GoldenFixture.Load("vicreg");
        using var za = f.Input("za");
        using var zb = f.Input("zb");
        using var loss = VicRegLoss.Loss(za, zb, f.Parameter("invariance"), f.Parameter("variance"),
            f.Parameter("covariance"));
        f.AssertClose("loss", loss);
        using var s = VicRegLoss.Invariance(za, zb);
        using var v = VicRegLoss.Variance(za);
        using var c = VicRegLoss.Covariance(za);
        f.AssertClose("invariance", s);
        f.AssertClose("variance", v);
        f.AssertClose("covariance", c);
    }
}
