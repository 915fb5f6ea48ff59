using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>The built-in labelled dataset: ten shape classes drawn in code, no download. Colour, size, position,
/// a small rotation, a gradient background and pixel noise are random and independent of the class, so only the
/// shape tells the class apart. Deterministic from the seed; train and test are disjoint draws.</summary>
public static class SyntheticShapes
{
    public const string Name = "synthetic-shapes";

    public static IReadOnlyList<string> ClassNames { get; } =
    [
        "circle", "square", "triangle", "cross", "ring",
        "star", "horizontal bars", "vertical bars", "diamond", "ellipse",
    ];

    /// <summary>RGB images of <paramref name="size"/> x <paramref name="size"/>, classes balanced (image i has class i
    /// mod 10).</summary>
    public static DatasetSplit Create(int trainCount, int testCount, int size = 32, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        return new DatasetSplit(Generate(trainCount, size, seed, split: 0), Generate(testCount, size, seed, split: 1));
    }

    static ImageDataset Generate(int count, int size, int seed, int split)
    {
        var imageBytes = 3 * size * size;
        if ((long)count * imageBytes > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(count),
                $"{count} images of {size}x{size} exceed one in-memory buffer; generate fewer or smaller");
        var pixels = new byte[(long)count * imageBytes];
        var labels = new long[count];
        Parallel.For(0, count, i =>
        {
            var label = i % ShapePainter.ClassCount;
            labels[i] = label;
            ShapePainter.Paint(pixels.AsSpan(i * imageBytes, imageBytes), size, label, SplitMix64.Mix(seed, split, i));
        });
        return new ImageDataset($"{Name}/{(split == 0 ? "train" : "test")}",
            tensor(pixels, [count, 3, size, size]), tensor(labels), ClassNames);
    }
}
