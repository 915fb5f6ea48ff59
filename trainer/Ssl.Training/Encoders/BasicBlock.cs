using Ssl.Training.Native;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace Ssl.Training.Encoders;

/// <summary>ResNet basic block (He et al. 2016) with torchvision's parameter names:
/// conv1, bn1, conv2, bn2, downsample.0 (1x1 conv), downsample.1 (BN).</summary>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    readonly Conv2d conv1;
    readonly BatchNormalization bn1;
    readonly Conv2d conv2;
    readonly BatchNormalization bn2;
    readonly Sequential? downsample;

    public BasicBlock(int inChannels, int outChannels, int stride) : base(nameof(BasicBlock))
    {
        conv1 = Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNormalization.For2d(outChannels);
        conv2 = Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1, bias: false);
        bn2 = BatchNormalization.For2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
            downsample = Sequential(
                Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), BatchNormalization.For2d(outChannels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = functional.relu(bn1.call(conv1.call(x)));
        y = bn2.call(conv2.call(y));
        var identity = downsample is null ? x : downsample.call(x);
        return functional.relu(y.Add(identity)).MoveToOuterDisposeScope();
    }
}
