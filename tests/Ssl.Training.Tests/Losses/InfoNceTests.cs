using Ssl.Training.Losses;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Losses;

public class InfoNceTests
{
    [Fact]
    public void Orthonormal_queries_equal_to_their_keys_give_the_closed_form()
    {
        // logits = I / tau: each row's cross-entropy is -log(e^(1/tau) / (e^(1/tau) + N - 1)), scaled by 2 tau.
        const double tau = 0.2;
        using var q = eye(4, dtype: ScalarType.Float64);
        using var loss = InfoNce.Loss(q, q * 2, tau);
        var expected = 2 * tau * -Math.Log(Math.Exp(1 / tau) / (Math.Exp(1 / tau) + 3));
        Assert.Equal(expected, loss.item<double>(), 12);
    }

    [Fact]
    public void Symmetric_loss_matches_the_golden_fixture()
    {
        var f = GoldenFixture.Load("mocov3");
        using var loss = InfoNce.Symmetric(f.Input("q1"), f.Input("q2"), f.Input("k1"), f.Input("k2"),
            f.Parameter("temperature"));
        f.AssertClose("loss", loss);
    }
}
