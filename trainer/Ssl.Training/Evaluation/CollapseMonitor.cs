using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>Measures <see cref="CollapseMetrics"/> of an encoder on one fixed batch: the same images and the same
/// two augmented views every epoch (drawn once from their own seed), so the numbers move only because the
/// encoder does, and the training RNG is never touched.</summary>
public sealed class CollapseMonitor : IDisposable
{
    readonly Tensor first;   // B x C x S x S, normalised view 1
    readonly Tensor second;  // B x C x S x S, normalised view 2

    public CollapseMonitor(ImageDataset data, IReadOnlyList<ViewRecipe> recipes, Normalization normalization, Device device, int batchSize = 256, long seed = 0)
    {
        if (recipes.Count < 2) throw new ArgumentException("the collapse monitor needs two view recipes (alignment compares two views)", nameof(recipes));
        using var scope = NewDisposeScope();
        using var rng = new Generator((ulong)seed + 7919);
        var batch = data.Images.narrow(0, 0, Math.Min(batchSize, data.Count));
        first = normalization.Apply(BatchAugment.Apply(batch, recipes[0], rng)).to(device).MoveToOuterDisposeScope();
        second = normalization.Apply(BatchAugment.Apply(batch, recipes[1], rng)).to(device).MoveToOuterDisposeScope();
    }

    public int BatchSize => (int)first.shape[0];

    /// <summary>The metrics of <paramref name="encoder"/> now, in eval mode under no_grad; its mode is restored.</summary>
    public CollapseMetrics Measure(nn.Module<Tensor, Tensor> encoder, int epoch)
    {
        var wasTraining = encoder.training;
        encoder.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var z1 = encoder.call(first);
            var z2 = encoder.call(second);
            var d = (int)z1.shape[1];
            var std = RepresentationMetrics.NormalizedStd(z1);
            var uniformity = 0.5 * (RepresentationMetrics.Uniformity(z1) + RepresentationMetrics.Uniformity(z2));
            return new CollapseMetrics(epoch, d, std, std * Math.Sqrt(d), RepresentationMetrics.EffectiveRank(z1),
                RepresentationMetrics.Alignment(z1, z2), uniformity);
        }
        finally
        {
            encoder.train(wasTraining);
        }
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }
}
