using Ssl.Training.Data;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Support;

/// <summary>Small labelled uint8 image sets for loop tests: each class is a different brightness gradient
/// direction.</summary>
static class TinyImages
{
    public static ImageDataset Create(int count, int channels = 3, int side = 16, int classes = 4, int seed = 0)
    {
        var g = new Generator((ulong)seed + 100);
        var labels = randint(0, classes, [count], generator: g);
        var ramp = linspace(0, 1, side);
        var patterns = stack(
            Enumerable.Range(0, classes).Select(
                c => (c % 2 == 0 ? ramp.view(1, side) : ramp.view(side, 1)).expand(side, side) * (c < 2 ? 1 : -1) +
                (c < 2 ? 0 : 1)).ToArray());
        var images = patterns[labels].unsqueeze(1).expand(count, channels, side, side) * 200 +
            rand(count, channels, side, side, generator: g) * 55;
        return new ImageDataset("tiny", images.to(ScalarType.Byte).contiguous(), labels,
            Enumerable.Range(0, classes).Select(i => $"c{i}").ToList());
    }
}
