using Ssl.Training.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Optimization;

/// <summary>LARS (You et al., "Large Batch Training of Convolutional Networks", 2017) as in the BYOL and solo-learn
/// reference code. For a weight w with gradient g, weight decay wd, trust coefficient eta and rate lr:
/// <code>
/// r = eta * ||w|| / (||g|| + wd * ||w|| + 1e-8)        (1 when ||w|| or ||g|| is 0)
/// r = min(r / lr, 1)                                      (only with ClipTrustRatio, solo-learn's clip_lr)
/// d = r * (g + wd * w);  b = m * b + d (b = d at first);  w = w - lr * b
/// </code>
/// Biases and normalisation parameters (1-D) are excluded from both the adaptation and the weight decay: d =
/// g.</summary>
public sealed class Lars(IReadOnlyList<ParameterGroup> groups, OptimizerSettings settings) : Optimizer(groups, settings)
{
    const double NormEpsilon = 1e-8;

    protected override void Update(string name, Parameter p, Tensor grad, double learningRate)
    {
        var d = IsBiasOrNorm(p) ? grad : Adapted(p, grad, learningRate);
        if (Settings.Momentum > 0)
        {
            var key = name + ".momentum_buffer";
            d = State.TryGetValue(key, out var buffer)
                ? buffer.MulInPlace(Settings.Momentum).AddInPlace(d)
                : Keep(key, d.clone());
        }
        p.AddInPlace(d, -learningRate);
    }

    /// <summary>r * (g + wd * w), with the norms kept on the device (no host synchronisation per parameter).</summary>
    Tensor Adapted(Parameter p, Tensor grad, double learningRate)
    {
        var wd = Settings.WeightDecay;
        var wNorm = p.norm();
        var gNorm = grad.norm();
        var ratio = wNorm.Mul(Settings.TrustCoefficient) / gNorm.Add(wNorm.Mul(wd)).Add(NormEpsilon);
        if (Settings.ClipTrustRatio) ratio = ratio.Div(learningRate).ClampMax(1.0);
        var adapt = wNorm.Gt(0).logical_and(gNorm.Gt(0));
        var decayed = wd > 0 ? grad.Add(p, wd) : grad;
        return where(adapt, decayed * ratio, grad);
    }
}
