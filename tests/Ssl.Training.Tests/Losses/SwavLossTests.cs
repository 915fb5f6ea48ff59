using Ssl.Training.Losses;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Losses;

public class SwavLossTests
{
    [Fact]
    public void Sinkhorn_codes_are_distributions_that_spread_over_the_prototypes()
    {
        using var scores = randn(32, 8, ScalarType.Float64, generator: new Generator(4)).mul_(0.05);
        using var codes = SwavLoss.Sinkhorn(scores, epsilon: 0.05, iterations: 3);
        using var rowSums = codes.sum(1);
        using var prototypeMass = codes.sum(dim: 0);
        // the last step normalises samples exactly
        Assert.True(rowSums.allclose(ones_like(rowSums), atol: 1e-12),
            rowSums.ToString(TorchSharp.TensorStringStyle.Julia));
        // near-equipartition
        Assert.True(prototypeMass.allclose(full_like(prototypeMass, 32.0 / 8), rtol: 0.05),
            prototypeMass.ToString(TorchSharp.TensorStringStyle.Julia));
    }

    [Fact]
    public void Sinkhorn_of_equal_scores_is_uniform()
    {
        using var scores = full(6, 3, 0.4, ScalarType.Float64);
        using var codes = SwavLoss.Sinkhorn(scores, 0.05, 3);
        Assert.True(codes.allclose(full(6, 3, 1.0 / 3, ScalarType.Float64), atol: 1e-12));
    }

    [Fact]
    public void Uniform_codes_against_uniform_scores_give_log_k()
    {
        using var scores = zeros(4, 5, ScalarType.Float64);
        using var codes = full(4, 5, 0.2, ScalarType.Float64);
        using var loss = SwavLoss.Loss([scores, scores, scores], [codes, codes], temperature: 0.1);
        Assert.Equal(Math.Log(5), loss.item<double>(), 12);
    }

    [Fact]
    public void Codes_and_loss_match_the_golden_fixture_with_two_local_crops()
    {
        var f = GoldenFixture.Load("swav");
        var scores = Enumerable.Range(0, 4).Select(i => f.Input($"scores{i}")).ToList();
        var eps = f.Parameter("epsilon");
        var iterations = (int)f.Parameter("iterations");
        var codes = scores.Take(2).Select(s => SwavLoss.Sinkhorn(s, eps, iterations)).ToList();
        using var loss = SwavLoss.Loss(scores, codes, f.Parameter("temperature"));
        f.AssertClose("codes0", codes[0]);
        f.AssertClose("codes1", codes[1]);
        f.AssertClose("loss", loss);
    }
}
