using Ssl.Training.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Optimization;

/// <summary>SGD with momentum and L2 weight decay, PyTorch semantics: d = g + wd * p; b = m * b + d (b = d on the
/// first step); p = p - lr * b.</summary>
public sealed class Sgd(IReadOnlyList<ParameterGroup> groups, OptimizerSettings settings) : Optimizer(groups, settings)
{
    protected override void Update(string name, Parameter p, Tensor grad, double learningRate)
    {
        var d = Settings.WeightDecay > 0 ? grad.Add(p, Settings.WeightDecay) : grad;
        if (Settings.Momentum > 0)
        {
            var key = name + ".momentum_buffer";
            d = State.TryGetValue(key, out var buffer)
                ? buffer.MulInPlace(Settings.Momentum).AddInPlace(d)
                : Keep(key, d.clone());
        }
        p.AddInPlace(d, -learningRate);
    }
}
