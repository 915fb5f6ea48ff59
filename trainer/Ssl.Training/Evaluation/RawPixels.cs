using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>The raw-pixel baseline's features: normalised pixels, flattened. Images larger than
/// <see cref="MaxSide"/> are average-pooled down to it first so that a 224-pixel dataset does not make
/// 150k-dimensional features (the baseline then sees a 32x32 thumbnail, as CIFAR-sized baselines do).</summary>
public static class RawPixels
{
    public const int MaxSide = 32;

    /// <returns>float32 [N, C * min(H, 32) * min(W, 32)] on <paramref name="device"/>.</returns>
    public static Tensor Features(ImageDataset data, Normalization normalization, Device device, int batchSize = 1024)
    {
        using var noGrad = no_grad();
        var chunks = new List<Tensor>();
        for (var start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var n = Math.Min(batchSize, data.Count - start);
            var pixels = data.Images.narrow(0, start, n).to(device).to(ScalarType.Float32).DivInPlace(255);
            var x = normalization.Apply(pixels);
            if (data.Height > MaxSide || data.Width > MaxSide)
                x = nn.functional.adaptive_avg_pool2d(x,
                    [Math.Min(MaxSide, data.Height), Math.Min(MaxSide, data.Width)]);
            chunks.Add(x.flatten(1).MoveToOuterDisposeScope());
        }
        var all = cat(chunks, 0);
        foreach (var c in chunks) c.Dispose();
        return all;
    }
}
