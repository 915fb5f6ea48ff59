using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Optimization;

public class LarsTests
{
    static Lars Create(Parameter p, double lr, bool clip = false, double momentum = 0.9) =>
        new([new ParameterGroup("all", [("p", p)])], new OptimizerSettings
        {
            Kind = OptimizerKind.Lars, WeightDecay = 0.1, TrustCoefficient = 0.02, Momentum = momentum,
            ClipTrustRatio = clip,
        })
        { LearningRates = { [0] = lr } };

    static double[] Values(Tensor t) => t.to(ScalarType.Float64).data<double>().ToArray();

    /// <summary>The update formula written out in plain arithmetic: r (g + wd w), momentum buffer, w - lr b.</summary>
    static (double[] W, double[] B) Expected(double[] w, double[] g, double[]? b, double lr, bool clip)
    {
        double Norm(double[] x) => Math.Sqrt(x.Sum(v => v * v));
        var r = 0.02 * Norm(w) / (Norm(g) + 0.1 * Norm(w) + 1e-8);
        if (clip) r = Math.Min(r / lr, 1);
        var d = w.Select((wi, i) => r * (g[i] + 0.1 * wi)).ToArray();
        var buffer = b is null ? d : b.Select((bi, i) => 0.9 * bi + d[i]).ToArray();
        return (w.Select((wi, i) => wi - lr * buffer[i]).ToArray(), buffer);
    }

    [Fact]
    public void Two_steps_follow_the_trust_ratio_formula_with_momentum()
    {
        using var p = new Parameter(tensor(new[,] { { 3.0, 4.0 } }));
        using var lars = Create(p, lr: 0.5);
        double[] g = [0.6, 0.8];
        var (w1, b1) = Expected([3, 4], g, null, 0.5, clip: false);
        p.grad = tensor(new[,] { { 0.6, 0.8 } });
        lars.Step();
        Assert.Equal(w1, Values(p), new DoubleComparer(1e-12));
        // By hand: r = 0.02 * 5 / (1 + 0.5) = 1/15, d = r [0.9, 1.2] = [0.06, 0.08], w = [3, 4] - 0.5 d.
        Assert.Equal([2.97, 3.96], Values(p), new DoubleComparer(1e-9));

        var (w2, _) = Expected(w1, g, b1, 0.5, clip: false);
        p.grad = tensor(new[,] { { 0.6, 0.8 } });
        lars.Step();
        Assert.Equal(w2, Values(p), new DoubleComparer(1e-12));
    }

    [Fact]
    public void Clipping_caps_the_local_rate_at_the_global_one()
    {
        using var p = new Parameter(tensor(new[,] { { 3.0, 4.0 } }));
        using var lars = Create(p, lr: 0.05, clip: true);
        p.grad = tensor(new[,] { { 0.6, 0.8 } });
        lars.Step();
        // r / lr = (1/15) / 0.05 = 4/3 is capped at 1: d = g + wd w.
        Assert.Equal(Expected([3, 4], [0.6, 0.8], null, 0.05, clip: true).W, Values(p), new DoubleComparer(1e-12));
        Assert.Equal([3 - 0.05 * 0.9, 4 - 0.05 * 1.2], Values(p), new DoubleComparer(1e-12));
    }

    [Fact]
    public void Biases_and_norm_parameters_get_plain_sgd_without_adaptation_or_decay()
    {
        using var p = new Parameter(tensor(new[] { 1.0, 2.0 }));
        using var lars = Create(p, lr: 0.5);
        p.grad = tensor(new[] { 0.5, 0.5 });
        lars.Step();
        Assert.Equal([0.75, 1.75], Values(p), new DoubleComparer(1e-12));
    }

    [Fact]
    public void A_zero_gradient_leaves_the_weight_unchanged_without_decay()
    {
        using var p = new Parameter(tensor(new[,] { { 3.0, 4.0 } }));
        using var lars = Create(p, lr: 0.5, momentum: 0);
        p.grad = zeros(1, 2, ScalarType.Float64);
        lars.Step();
        Assert.Equal([3.0, 4.0], Values(p), new DoubleComparer(0));
    }

    [Fact]
    public void Optimizer_create_builds_lars_and_adamw()
    {
        using var p = new Parameter(ones(2, 2));
        ParameterGroup[] groups = [new ParameterGroup("all", [("p", p)])];
        using var lars = Optimizer.Create(groups, new OptimizerSettings { Kind = OptimizerKind.Lars });
        using var adamw = Optimizer.Create(groups, new OptimizerSettings { Kind = OptimizerKind.AdamW });
        Assert.IsType<Lars>(lars);
        Assert.IsType<AdamW>(adamw);
    }
}

sealed class DoubleComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(double obj) => 0;
}
