using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using AdamW = Ssl.Training.Optimization.AdamW;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Optimization;

public class AdamWTests
{
    static AdamW Create(double lr, params Parameter[] ps) =>
        new([new ParameterGroup("all", ps.Select((p, i) => ($"p{i}", p)).ToList())],
            new OptimizerSettings { Kind = OptimizerKind.AdamW, WeightDecay = 0.05 })
        { LearningRates = { [0] = lr } };

    [Fact]
    public void First_step_decays_then_moves_by_the_rate_against_the_gradient_sign()
    {
        using var p = new Parameter(tensor(new[] { 1.0, -2.0 }));
        using var adamw = Create(0.1, p);
        p.grad = tensor(new[] { 0.3, -4.0 });
        adamw.Step();
        // Bias-corrected m / sqrt(v) = g / |g| on the first step: w = w (1 - lr wd) - lr (g / (|g| + eps)).
        double Expected(double w, double g) => w * (1 - 0.1 * 0.05) - 0.1 * g / (Math.Abs(g) + 1e-8);
        Assert.Equal([Expected(1.0, 0.3), Expected(-2.0, -4.0)], p.data<double>().ToArray(), new DoubleComparer(1e-12));
    }

    [Fact]
    public void Matches_torchsharps_own_adamw_over_several_steps()
    {
        var g = new Generator(5);
        using var init2d = randn(3, 4, ScalarType.Float64, generator: g);
        using var init1d = randn(4, ScalarType.Float64, generator: g);
        var ours = new[] { new Parameter(init2d.clone()), new Parameter(init1d.clone()) };
        var theirs = new[] { new Parameter(init2d.clone()), new Parameter(init1d.clone()) };
        using var adamw = Create(0.01, ours);
        var reference = optim.AdamW(theirs, 0.01, weight_decay: 0.05);
        for (var step = 0; step < 6; step++)
        {
            foreach (var ps in new[] { ours, theirs })
            {
                foreach (var q in ps) q.grad?.zero_();
                using var loss = (ps[0].pow(3).sum() + (ps[0].sum(dim: 0) * ps[1]).sin().sum());
                loss.backward();
            }
            adamw.Step();
            reference.step();
        }
        for (var i = 0; i < 2; i++)
            Assert.True(ours[i].allclose(theirs[i], rtol: 1e-12, atol: 1e-14), $"parameter {i} differs");
        Assert.Equal(6, adamw.StateDict().Count); // step, exp_avg, exp_avg_sq per parameter
        foreach (var p in ours.Concat(theirs)) p.Dispose();
    }
}
