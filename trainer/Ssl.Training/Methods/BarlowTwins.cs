using Ssl.Training.Augmentations;
using Ssl.Training.Encoders;
using Ssl.Training.Heads;
using Ssl.Training.Losses;
using Ssl.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>Barlow Twins (Zbontar et al., "Self-Supervised Learning via Redundancy Reduction", ICML 2021): a 3-layer
/// projector (Linear-BN-ReLU x2 + Linear), embeddings standardised along the batch, and the cross-correlation
/// matrix pushed towards the identity.</summary>
public sealed class BarlowTwins : SslMethod
{
    readonly Sequential projector;  // features -> N x D
    readonly double lambda;
    readonly double scale;

    static readonly HyperParameter ProjectorDim =
        HyperParameter.Count("projector-dim", 2048,
            "width of the three projector layers (8192 in the paper on ImageNet; 2048 solo-learn CIFAR)")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter ProjectorLayers =
        HyperParameter.Count("projector-layers", 3, "Linear layers in the projector");
    static readonly HyperParameter Lambda =
        HyperParameter.Positive("lambda", 0.0051, "weight of the redundancy-reduction (off-diagonal) term");
    static readonly HyperParameter ScaleLoss =
        HyperParameter.Positive("scale-loss", 0.1,
            "overall loss factor (solo-learn's scale_loss for CIFAR; 1 in the paper)");

    public static MethodDefinition Definition { get; } = new(
        Name: "barlow-twins",
        Title: "Barlow Twins",
        Reference: "Zbontar et al., Barlow Twins: Self-Supervised Learning via Redundancy Reduction, ICML 2021 "
            + "(arXiv:2103.03230)",
        HyperParameters: [ProjectorDim, ProjectorLayers, Lambda, ScaleLoss],
        // solo-learn CIFAR recipe: LARS lr 0.3 (per 256), wd 1e-4, eta 0.02, clip_lr, 10 warm-up epochs.
        Optimizer: OptimizerSettings.SoloLearnLars(0.3, 1e-4),
        Create: (encoder, hp) => new BarlowTwins(encoder, hp));

    public BarlowTwins(Encoder backbone, HyperParameters hp) : base(nameof(BarlowTwins), backbone)
    {
        var dim = hp.Int(ProjectorDim);
        projector = Mlp.Build(backbone.FeatureDim, dim, dim, hp.Int(ProjectorLayers));
        lambda = hp[Lambda];
        scale = hp[ScaleLoss];
        RegisterComponents();
    }

    /// <summary>The paper uses BYOL's asymmetric augmentations (Zbontar et al. 2021, App. A).</summary>
    public override (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) ViewRecipes(int size) =>
        ByolViews(size);

    public override Tensor forward(Views views)
    {
        using var scope = NewDisposeScope();
        var za = projector.call(backbone.call(views.First));  // N x D
        var zb = projector.call(backbone.call(views.Second)); // N x D
        return BarlowTwinsLoss.Loss(za, zb, lambda, scale).MoveToOuterDisposeScope(); // scalar
    }
}
