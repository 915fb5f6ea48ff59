using Ssl.Training.Losses;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Losses;

public class NtXentTests
{
    [Theory]
    [InlineData(4, 0.5)]
    [InlineData(16, 0.1)]
    public void Identical_embeddings_give_log_of_2n_minus_1(int n, double temperature)
    {
        // Every similarity is 1, so each anchor's positive is one of 2N - 1 equal terms.
        using var z = ones(n, 8, ScalarType.Float64);
        using var loss = NtXent.Loss(z, z, temperature);
        Assert.Equal(Math.Log(2 * n - 1), loss.item<double>(), 10);
    }

    [Fact]
    public void Hand_computed_two_by_two_case()
    {
        // z1 = [e1, e2], z2 = [e2, e1]: each anchor's positive has sim 0, one negative sim 0 and one sim 1:
        // l = -log(e^0 / (e^0 + e^0 + e^(1/tau))) = ln(2 + e^(1/tau)) for all four anchors.
        using var z1 = tensor(new[,] { { 1.0, 0 }, { 0, 1.0 } });
        using var z2 = tensor(new[,] { { 0, 1.0 }, { 1.0, 0 } });
        using var loss = NtXent.Loss(z1, z2, temperature: 0.5);
        Assert.Equal(Math.Log(2 + Math.Exp(2)), loss.item<double>(), 12);
    }

    [Fact]
    public void Loss_matches_the_golden_fixture()
    {
        var f = GoldenFixture.Load("nt_xent");
        using var loss = NtXent.Loss(f.Input("z1"), f.Input("z2"), f.Parameter("temperature"));
        f.AssertClose("loss", loss);
    }
}
