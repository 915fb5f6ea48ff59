using Ssl.Training.Verification;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Verification;

public class NonlinearRegressionTests
{
    [Fact]
    public void A_smooth_non_linear_function_of_the_features_is_predicted_with_r2_near_one()
    {
        using var rng = new Generator(3);
        using var x = randn(1200, 2, generator: rng);
        using var y = (x.select(1, 0).sin() * x.select(1, 1)).unsqueeze(1);
        var r2 = NonlinearRegression.HeldOutR2(x.narrow(0, 0, 600), x.narrow(0, 600, 600),
            (y.narrow(0, 0, 600), y.narrow(0, 600, 600)))[0];
        Assert.True(r2 > 0.95, $"R2 {r2}");
    }

    [Fact]
    public void A_target_independent_of_the_features_has_r2_near_zero()
    {
        using var rng = new Generator(4);
        using var x = randn(1200, 3, generator: rng);
        using var y = randn(1200, 2, generator: rng);
        var r2 = NonlinearRegression.HeldOutR2(x.narrow(0, 0, 600), x.narrow(0, 600, 600),
            (y.narrow(0, 0, 600), y.narrow(0, 600, 600)))[0];
        Assert.InRange(r2, -0.1, 0.05);
    }

    [Fact]
    public void Each_target_is_scored_on_its_own()
    {
        using var rng = new Generator(5);
        using var x = randn(1000, 2, generator: rng);
        using var known = x.select(1, 0).tanh().unsqueeze(1);
        using var unknown = randn(1000, 1, generator: rng);
        var r2 = NonlinearRegression.HeldOutR2(x.narrow(0, 0, 500), x.narrow(0, 500, 500),
            (known.narrow(0, 0, 500), known.narrow(0, 500, 500)),
            (unknown.narrow(0, 0, 500), unknown.narrow(0, 500, 500)));
        Assert.True(r2[0] > 0.95, $"R2 of the known target {r2[0]}");
        Assert.True(r2[1] < 0.05, $"R2 of the unknown target {r2[1]}");
    }
}
