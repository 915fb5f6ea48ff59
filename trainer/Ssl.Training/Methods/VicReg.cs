using Ssl.Training.Augmentations;
using Ssl.Training.Encoders;
using Ssl.Training.Heads;
using Ssl.Training.Losses;
using Ssl.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>VICReg (Bardes, Ponce &amp; LeCun, "Variance-Invariance-Covariance Regularization for Self-Supervised
/// Learning", ICLR 2022): a 3-layer expander and the weighted sum of the invariance, variance and covariance
/// terms.</summary>
public sealed class VicReg : SslMethod
{
    readonly Sequential projector;  // features -> N x D (the paper's "expander")
    readonly (double Invariance, double Variance, double Covariance) weights;

    static readonly HyperParameter ProjectorDim =
        HyperParameter.Count("projector-dim", 2048,
            "width of the three expander layers (8192 in the paper; 2048 solo-learn CIFAR)")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter InvarianceWeight =
        HyperParameter.NonNegative("invariance-weight", 25, "lambda, weight of the invariance (MSE) term");
    static readonly HyperParameter VarianceWeight =
        HyperParameter.NonNegative("variance-weight", 25, "mu, weight of the variance hinge");
    static readonly HyperParameter CovarianceWeight =
        HyperParameter.NonNegative("covariance-weight", 1, "nu, weight of the covariance term");

    public static MethodDefinition Definition { get; } = new(
        Name: "vicreg",
        Title: "VICReg",
        Reference: "Bardes, Ponce & LeCun, VICReg: Variance-Invariance-Covariance Regularization for "
            + "Self-Supervised Learning, ICLR 2022 (arXiv:2105.04906)",
        HyperParameters: [ProjectorDim, InvarianceWeight, VarianceWeight, CovarianceWeight],
        // solo-learn CIFAR recipe: LARS lr 0.3 (per 256), wd 1e-4, eta 0.02, clip_lr, 10 warm-up epochs.
        Optimizer: OptimizerSettings.SoloLearnLars(0.3, 1e-4),
        Create: (encoder, hp) => new VicReg(encoder, hp));

    public VicReg(Encoder backbone, HyperParameters hp) : base(nameof(VicReg), backbone)
    {
        var dim = hp.Int(ProjectorDim);
        projector = Mlp.Build(backbone.FeatureDim, dim, dim, layers: 3);
        weights = (hp[InvarianceWeight], hp[VarianceWeight], hp[CovarianceWeight]);
        RegisterComponents();
    }

    /// <summary>VICReg follows BYOL's augmentations (Bardes et al. 2022, App. C.1).</summary>
    public override (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) ViewRecipes(int size) =>
        ByolViews(size);

    public override Tensor forward(Views views)
    {
        using var scope = NewDisposeScope();
        var za = projector.call(backbone.call(views.First));  // N x D
        var zb = projector.call(backbone.call(views.Second)); // N x D
        return VicRegLoss.Loss(za, zb, weights.Invariance, weights.Variance, weights.Covariance)
            .MoveToOuterDisposeScope();                       // scalar
    }
}
