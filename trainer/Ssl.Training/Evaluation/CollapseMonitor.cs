using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using Ssl.Training.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>Measures <see cref="CollapseMetrics"/> of an encoder on one fixed batch: the same images and the same
/// two augmented views every epoch (drawn once from their own seed), so the numbers move only because the
/// encoder does, and the training RNG is never touched. The monitors are measured on the embedding the loss sees
/// (the output of the method's <c>projector</c>, as in SimSiam §4.1, where collapse shows first), and the
/// backbone's z-std and effective rank are reported next to them. Every method names its projection head
/// <c>projector</c>, as the reference implementations do; a method without one is measured on its backbone.</summary>
public sealed class CollapseMonitor : IDisposable
{
    readonly Tensor first;   // B x C x S x S, normalised view 1
    readonly Tensor second;  // B x C x S x S, normalised view 2

    public CollapseMonitor(ImageDataset data, IReadOnlyList<ViewRecipe> recipes, Normalization normalization,
        Device device, int batchSize = 256, long seed = 0)
    {
        if (recipes.Count < 2)
            throw new ArgumentException(
                "the collapse monitor needs two view recipes (alignment compares two views)", nameof(recipes));
        using var scope = NewDisposeScope();
        using var rng = new Generator((ulong)seed + 7919);
        var batch = data.Images.narrow(0, 0, Math.Min(batchSize, data.Count));
        first = normalization.Apply(BatchAugment.Apply(batch, recipes[0], rng)).to(device).MoveToOuterDisposeScope();
        second = normalization.Apply(BatchAugment.Apply(batch, recipes[1], rng)).to(device).MoveToOuterDisposeScope();
    }

    public int BatchSize => (int)first.shape[0];

    /// <summary>The metrics of <paramref name="method"/> now, in eval mode under no_grad; its mode is
    /// restored.</summary>
    public CollapseMetrics Measure(SslMethod method, int epoch)
    {
        var projector = method.named_children().FirstOrDefault(c => c.name == "projector")
            .module as nn.Module<Tensor, Tensor>;
        var wasTraining = method.training;
        method.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var h1 = method.Backbone.call(first);
            var h2 = method.Backbone.call(second);
            var (z1, z2) = projector is null ? (h1, h2) : (projector.call(h1), projector.call(h2));
            var d = (int)z1.shape[1];
            var std = RepresentationMetrics.NormalizedStd(z1);
            var uniformity = 0.5 * (RepresentationMetrics.Uniformity(z1) + RepresentationMetrics.Uniformity(z2));
            return new CollapseMetrics(epoch, d, std, std * Math.Sqrt(d), RepresentationMetrics.EffectiveRank(z1),
                RepresentationMetrics.Alignment(z1, z2), uniformity,
                RepresentationMetrics.NormalizedStd(h1) * Math.Sqrt(h1.shape[1]),
                RepresentationMetrics.EffectiveRank(h1));
        }
        finally
        {
            method.train(wasTraining);
        }
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }
}
