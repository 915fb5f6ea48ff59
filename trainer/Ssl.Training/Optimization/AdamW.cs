using Ssl.Training.Native;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Optimization;

/// <summary>AdamW (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019), with
/// <c>torch.optim.AdamW</c>'s formula. At step t (from 1), with gradient g:
/// <code>
/// w = w * (1 - lr * wd)
/// m = b1 * m + (1 - b1) * g;   v = b2 * v + (1 - b2) * g^2
/// w = w - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
/// </code>
/// Like torch, the decay applies to every parameter. The step count is kept per parameter as state, so a
/// checkpoint restores the bias correction exactly.</summary>
public sealed class AdamW(IReadOnlyList<ParameterGroup> groups, OptimizerSettings settings)
    : Optimizer(groups, settings)
{
    protected override void Update(string name, Parameter p, Tensor grad, double learningRate)
    {
        var (b1, b2) = (Settings.Beta1, Settings.Beta2);
        var stepKey = name + ".step";
        if (!State.TryGetValue(stepKey, out var stepTensor))
        {
            stepTensor = Keep(stepKey, zeros(1, ScalarType.Int64));
            Keep(name + ".exp_avg", zeros_like(p));
            Keep(name + ".exp_avg_sq", zeros_like(p));
        }
        // The count lives on the CPU (a checkpoint may have moved it to the device): reading it must not sync a GPU.
        if (stepTensor.device_type != DeviceType.CPU) stepTensor = Keep(stepKey, stepTensor.cpu());
        var step = stepTensor.AddInPlace(1).item<long>();
        var m = State[name + ".exp_avg"];
        var v = State[name + ".exp_avg_sq"];

        if (Settings.WeightDecay > 0) p.MulInPlace(1 - learningRate * Settings.WeightDecay);
        m.MulInPlace(b1).AddInPlace(grad, 1 - b1);
        v.MulInPlace(b2).AddcmulInPlace(grad, grad, 1 - b2);
        var biasCorrection1 = 1 - Math.Pow(b1, step);
        var biasCorrection2 = 1 - Math.Pow(b2, step);
        var denominator = v.sqrt().DivInPlace(Math.Sqrt(biasCorrection2)).AddInPlace(Settings.Epsilon);
        p.AddcdivInPlace(m, denominator, -learningRate / biasCorrection1);
    }
}
