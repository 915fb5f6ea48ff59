using Ssl.Training.Native;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace Ssl.Training.Encoders;

/// <summary>ResNet-18 backbone without the classifier, parameter names as torchvision's
/// (<c>conv1</c>, <c>bn1</c>, <c>layer1.0.conv1</c>, ...), so an exported state dict loads into
/// <c>torchvision.models.resnet18()</c> with <c>fc = Identity()</c> when the stem is ImageNet's.</summary>
public sealed class ResNet18 : Encoder
{
    readonly Conv2d conv1;
    readonly BatchNormalization bn1;
    readonly Module<Tensor, Tensor>? maxpool;
    readonly Sequential layer1;
    readonly Sequential layer2;
    readonly Sequential layer3;
    readonly Sequential layer4;
    readonly int featureDim;
    readonly (int InChannels, int Width, ResNetStem Stem) recipe;

    public ResNet18(int inChannels = 3, int width = 64, ResNetStem stem = ResNetStem.ImageNet) : base(nameof(ResNet18))
    {
        recipe = (inChannels, width, stem);
        conv1 = stem == ResNetStem.ImageNet
            ? Conv2d(inChannels, width, 7, stride: 2, padding: 3, bias: false)
            : Conv2d(inChannels, width, 3, stride: 1, padding: 1, bias: false);
        bn1 = BatchNormalization.For2d(width);
        if (stem == ResNetStem.ImageNet) maxpool = MaxPool2d(3, stride: 2, padding: 1);
        layer1 = Stage(width, width, 1);
        layer2 = Stage(width, 2 * width, 2);
        layer3 = Stage(2 * width, 4 * width, 2);
        layer4 = Stage(4 * width, 8 * width, 2);
        featureDim = 8 * width;
        RegisterComponents();
        InitWeights.KaimingConvOnesBn(this);
    }

    public override int FeatureDim => featureDim;

    public override Encoder Twin() => new ResNet18(recipe.InChannels, recipe.Width, recipe.Stem);

    static Sequential Stage(int inChannels, int outChannels, int stride) =>
        Sequential(new BasicBlock(inChannels, outChannels, stride), new BasicBlock(outChannels, outChannels, 1));

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = functional.relu(bn1.call(conv1.call(x)));
        if (maxpool is not null) y = maxpool.call(y);
        y = layer4.call(layer3.call(layer2.call(layer1.call(y))));
        return functional.adaptive_avg_pool2d(y, 1).flatten(1).MoveToOuterDisposeScope();
    }
}
