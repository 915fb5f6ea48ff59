using Ssl.Training.Losses;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Losses;

public class NegativeCosineTests
{
    [Fact]
    public void Loss_of_identical_vectors_is_minus_one()
    {
        using var p = randn(8, 16, generator: new Generator(1));
        using var loss = NegativeCosine.Loss(p, p);
        Assert.Equal(-1.0, loss.item<float>(), 5);
    }

    [Fact]
    public void Loss_of_scaled_vectors_is_minus_one_because_it_ignores_length()
    {
        using var p = randn(8, 16, generator: new Generator(2));
        using var z = p * 7.5;
        using var loss = NegativeCosine.Loss(p, z);
        Assert.Equal(-1.0, loss.item<float>(), 5);
    }

    [Fact]
    public void Loss_of_orthogonal_vectors_is_zero()
    {
        using var p = tensor(new float[,] { { 1, 0, 0 }, { 0, 2, 0 } });
        using var z = tensor(new float[,] { { 0, 3, 0 }, { 0, 0, 1 } });
        using var loss = NegativeCosine.Loss(p, z);
        Assert.Equal(0.0, loss.item<float>(), 6);
    }

    [Fact]
    public void Loss_of_opposite_vectors_is_plus_one()
    {
        using var p = randn(4, 5, generator: new Generator(3));
        using var z = -p;
        using var loss = NegativeCosine.Loss(p, z);
        Assert.Equal(1.0, loss.item<float>(), 5);
    }

    [Fact]
    public void Loss_matches_a_hand_computed_angle()
    {
        // cos 60 degrees = 0.5 and cos 90 degrees = 0: mean of -0.5 and 0.
        using var p = tensor(new float[,] { { 1, 0 }, { 1, 0 } });
        using var z = tensor(new float[,] { { 0.5f, MathF.Sqrt(3) / 2 }, { 0, 1 } });
        using var loss = NegativeCosine.Loss(p, z);
        Assert.Equal(-0.25, loss.item<float>(), 5);
    }

    [Fact]
    public void Symmetric_loss_is_symmetric_in_the_two_views()
    {
        var g = new Generator(4);
        using var p1 = randn(6, 8, generator: g);
        using var p2 = randn(6, 8, generator: g);
        using var z1 = randn(6, 8, generator: g);
        using var z2 = randn(6, 8, generator: g);
        using var a = NegativeCosine.Symmetric(p1, p2, z1, z2);
        using var b = NegativeCosine.Symmetric(p2, p1, z2, z1);
        Assert.Equal(a.item<float>(), b.item<float>(), 6);
        using var byHand = 0.5 * (NegativeCosine.Loss(p1, z2) + NegativeCosine.Loss(p2, z1));
        Assert.Equal(byHand.item<float>(), a.item<float>(), 6);
    }

    [Fact]
    public void No_gradient_reaches_the_stop_gradient_branch()
    {
        var g = new Generator(5);
        using var p1 = randn(4, 8, generator: g).requires_grad_();
        using var p2 = randn(4, 8, generator: g).requires_grad_();
        using var z1 = randn(4, 8, generator: g).requires_grad_();
        using var z2 = randn(4, 8, generator: g).requires_grad_();
        using var loss = NegativeCosine.Symmetric(p1, p2, z1.detach(), z2.detach());
        loss.backward();
        Assert.True(z1.grad is null || z1.grad.abs().sum().item<float>() == 0);
        Assert.True(z2.grad is null || z2.grad.abs().sum().item<float>() == 0);
        Assert.True(p1.grad!.abs().sum().item<float>() > 0);
        Assert.True(p2.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Without_stop_gradient_the_target_branch_does_get_gradient()
    {
        var g = new Generator(6);
        using var p1 = randn(4, 8, generator: g).requires_grad_();
        using var p2 = randn(4, 8, generator: g).requires_grad_();
        using var z1 = randn(4, 8, generator: g).requires_grad_();
        using var z2 = randn(4, 8, generator: g).requires_grad_();
        using var loss = NegativeCosine.Symmetric(p1, p2, z1, z2);
        loss.backward();
        Assert.True(z1.grad!.abs().sum().item<float>() > 0);
    }
}
