using Ssl.Training.Native;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace Ssl.Training.Heads;

/// <summary>DINO's projection head (Caron et al. 2021, §3.1 and App.; <c>DINOHead</c> in the reference code with
/// <c>use_bn_in_head</c> as for ResNets): a 3-layer MLP (Linear-BN-GELU x2 + Linear) to a bottleneck, l2
/// normalisation, and a weight-normalised linear layer to K prototypes, W = V / ||V|| row-wise (g fixed at 1,
/// <c>norm_last_layer</c>).</summary>
public sealed class DinoHead : Module<Tensor, Tensor>
{
    readonly Sequential mlp;        // N x in -> N x hidden -> N x hidden -> N x bottleneck
    readonly Parameter lastLayer;   // K x bottleneck, the direction V of the weight-normalised last layer

    public DinoHead(int inDim, int hiddenDim, int bottleneckDim, int prototypes) : base(nameof(DinoHead))
    {
        mlp = Sequential(
            Linear(inDim, hiddenDim), BatchNormalization.For1d(hiddenDim), GELU(),
            Linear(hiddenDim, hiddenDim), BatchNormalization.For1d(hiddenDim), GELU(),
            Linear(hiddenDim, bottleneckDim));
        lastLayer = new Parameter(empty(prototypes, bottleneckDim));
        using (no_grad())
        {
            // The reference code's init: trunc_normal_(std=0.02) weights, zero biases. Its bounds are +-2 absolute,
            // i.e. 100 std, so it is a plain normal here; TorchSharp 0.107's init.trunc_normal_ fills every element
            // with the std instead (measured), which leaves all outputs equal and no gradient.
            foreach (var linear in mlp.modules().OfType<Linear>())
            {
                linear.weight!.normal_(0, 0.02);
                if (linear.bias is { } bias) init.zeros_(bias);
            }
            lastLayer.normal_(0, 0.02);
        }
        RegisterComponents();
    }

    /// <summary>The last layer, whose gradients DINO cancels during the first epoch(s).</summary>
    public Parameter LastLayer => lastLayer;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var z = functional.normalize(mlp.call(x), dim: 1);
        return z.mm(functional.normalize(lastLayer, dim: 1).t()).MoveToOuterDisposeScope();
    }
}
