using Ssl.Training.IO;
using static TorchSharp.torch;

namespace Ssl.Cloud.Trainer.Tests.Fixtures;

/// <summary>Safetensors files that are checkpoints, but not of an encoder this trainer builds.</summary>
static class ForeignCheckpoints
{
    /// <summary>Key names of a torchvision ResNet-50 (bottleneck blocks: <c>conv3</c>, a third block in layer
    /// 4).</summary>
    public static string ResNet50(string path)
    {
        using var conv1 = zeros(64, 3, 7, 7);
        using var bn = ones(2048);
        using var conv3 = zeros(256, 64, 1, 1);
        SafeTensors.Write(path,
            [new("conv1.weight", conv1), new("layer1.0.conv3.weight", conv3), new("layer4.1.bn2.weight", bn),
                new("layer4.2.conv1.weight", conv3)]);
        return path;
    }

    /// <summary>A state dict of some other model altogether.</summary>
    public static string Mlp(string path)
    {
        using var w = zeros(10, 784);
        SafeTensors.Write(path, [new("mlp.0.weight", w)]);
        return path;
    }
}
