using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Optimization;

public class SgdTests
{
    [Fact]
    public void Two_steps_follow_the_pytorch_momentum_formula()
    {
        using var p = new Parameter(tensor(new[] { 1.0f, -2.0f }));
        var settings = new OptimizerSettings { Kind = OptimizerKind.Sgd, Momentum = 0.9, WeightDecay = 0.1 };
        using var sgd = new Sgd([new ParameterGroup("all", [("p", p)])], settings);
        sgd.LearningRates[0] = 0.5;

        p.grad = tensor(new[] { 0.5f, 0.5f });
        sgd.Step();
        // d = g + 0.1 p = [0.6, 0.3]; b = d; p = p - 0.5 b = [0.7, -2.15]
        Assert.Equal(new[] { 0.7f, -2.15f }, p.data<float>().ToArray(), new FloatComparer(1e-6f));

        p.grad = tensor(new[] { 0.5f, 0.5f });
        sgd.Step();
        // d = [0.5 + 0.07, 0.5 - 0.215] = [0.57, 0.285]; b = 0.9 [0.6, 0.3] + d = [1.11, 0.555]; p -= 0.5 b
        Assert.Equal(new[] { 0.7f - 0.555f, -2.15f - 0.2775f }, p.data<float>().ToArray(), new FloatComparer(1e-6f));
        Assert.Single(sgd.StateDict());
    }

    [Fact]
    public void Matches_torchsharps_own_sgd_over_several_steps()
    {
        using var ours = new Parameter(tensor(new[] { 0.3f, -1.2f, 2.0f }));
        using var theirs = new Parameter(tensor(new[] { 0.3f, -1.2f, 2.0f }));
        var settings = new OptimizerSettings { Momentum = 0.9, WeightDecay = 5e-4 };
        using var sgd = new Sgd([new ParameterGroup("all", [("p", ours)])], settings);
        sgd.LearningRates[0] = 0.05;
        var reference = optim.SGD([theirs], 0.05, momentum: 0.9, weight_decay: 5e-4);
        for (var i = 0; i < 5; i++)
        {
            foreach (var q in new[] { ours, theirs })
            {
                q.grad?.zero_();
                using var loss = (q * q * q).sum();
                loss.backward();
            }
            sgd.Step();
            reference.step();
        }
        Assert.True(ours.allclose(theirs, rtol: 1e-6, atol: 1e-7));
    }
}

sealed class FloatComparer(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(float obj) => 0;
}
