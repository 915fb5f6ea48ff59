using Ssl.Training.Losses;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Losses;

public class ByolLossTests
{
    [Fact]
    public void Loss_of_identical_directions_is_zero()
    {
        using var q = randn(8, 16, generator: new Generator(1));
        using var z = q * 3;
        using var loss = ByolLoss.Loss(q, z);
        Assert.Equal(0.0, loss.item<float>(), 5);
    }

    [Fact]
    public void Loss_of_orthogonal_vectors_is_two_and_of_opposite_vectors_four()
    {
        using var q = tensor(new[,] { { 1.0, 0 }, { 0, 2.0 } });
        using var orthogonal = tensor(new[,] { { 0, 5.0 }, { 3.0, 0 } });
        using var l1 = ByolLoss.Loss(q, orthogonal);
        using var l2 = ByolLoss.Loss(q, -q);
        Assert.Equal(2.0, l1.item<double>(), 12);
        Assert.Equal(4.0, l2.item<double>(), 12);
    }

    [Fact]
    public void Symmetric_loss_matches_the_golden_fixture()
    {
        var f = GoldenFixture.Load("byol");
        using var loss = ByolLoss.Symmetric(f.Input("q1"), f.Input("q2"), f.Input("z1"), f.Input("z2"));
        f.AssertClose("loss", loss);
    }
}
