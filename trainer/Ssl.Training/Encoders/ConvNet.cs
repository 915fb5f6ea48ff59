using Ssl.Training.Native;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace Ssl.Training.Encoders;

/// <summary>A small 4-stage ConvNet (conv-BN-ReLU, stride 2 from the second stage, global average pool)
/// for fast CPU runs: width w gives channels w, 2w, 4w, 8w and features of size 8w.</summary>
public sealed class ConvNet : Encoder
{
    readonly Sequential features;
    readonly int featureDim;
    readonly int inChannels;
    readonly int width;

    public ConvNet(int inChannels = 3, int width = 32) : base(nameof(ConvNet))
    {
        (this.inChannels, this.width) = (inChannels, width);
        features = Sequential(
            Stage(inChannels, width, 1),
            Stage(width, 2 * width, 2),
            Stage(2 * width, 4 * width, 2),
            Stage(4 * width, 8 * width, 2));
        featureDim = 8 * width;
        RegisterComponents();
        InitWeights.KaimingConvOnesBn(this);
    }

    public override int FeatureDim => featureDim;

    public override Encoder Twin() => new ConvNet(inChannels, width);

    static Sequential Stage(int inChannels, int outChannels, int stride) =>
        Sequential(Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false),
            BatchNormalization.For2d(outChannels), ReLU(inplace: true));

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return functional.adaptive_avg_pool2d(features.call(x), 1).flatten(1).MoveToOuterDisposeScope();
    }
}
