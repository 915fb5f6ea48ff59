using Ssl.Training.Augmentations;
using Ssl.Training.Encoders;
using Ssl.Training.Heads;
using Ssl.Training.Losses;
using Ssl.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>MoCo v3 (Chen, Xie &amp; He, "An Empirical Study of Training Self-Supervised Vision Transformers", ICCV
/// 2021):
/// a base encoder + projector + predictor, a momentum encoder + projector updated as an EMA, and the symmetric
/// contrastive loss ctr(q1, k2) + ctr(q2, k1) with the batch's other keys as negatives (no queue).</summary>
public sealed class MocoV3 : SslMethod
{
    readonly Sequential projector;         // features -> 4096 -> D (projector-dim, 256), last BN without affine
    readonly Sequential predictor;         // D -> 4096 -> D
    readonly Encoder momentumBackbone;     // EMA of backbone, no gradients
    readonly Sequential momentumProjector; // EMA of projector, no gradients
    readonly MomentumTeacher<Sequential> momentum;
    readonly double temperature;

    static readonly HyperParameter ProjectorHiddenDim =
        HyperParameter.Count("projector-hidden-dim", 4096, "hidden width of the projector and predictor")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter ProjectorDim =
        HyperParameter.Count("projector-dim", 256, "output width of the projector and predictor")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter Temperature =
        HyperParameter.Positive("temperature", 0.2, "contrastive temperature tau (0.2 solo-learn CIFAR)");
    static readonly HyperParameter EmaBase =
        HyperParameter.Fraction("ema-base", 0.99,
            "base momentum of the momentum encoder, raised to 1 on a cosine", maxExclusive: true)
            with { Rule = RecipeRules.EmaBase };

    public static MethodDefinition Definition { get; } = new(
        Name: "mocov3",
        Title: "MoCo v3",
        Reference: "Chen, Xie & He, An Empirical Study of Training Self-Supervised Vision Transformers, ICCV 2021 "
            + "(arXiv:2104.02057)",
        HyperParameters: [ProjectorHiddenDim, ProjectorDim, Temperature, EmaBase],
        // solo-learn CIFAR recipe: LARS lr 0.3 (per 256), wd 1e-6, eta 0.02, clip_lr, 10 warm-up epochs.
        Optimizer: OptimizerSettings.SoloLearnLars(0.3, 1e-6),
        Create: (encoder, hp) => new MocoV3(encoder, hp));

    public MocoV3(Encoder backbone, HyperParameters hp) : base(nameof(MocoV3), backbone)
    {
        var (hidden, dim) = (hp.Int(ProjectorHiddenDim), hp.Int(ProjectorDim));
        // The reference code's ResNet heads: a 2-layer projector ending in BN(affine=False), a 2-layer predictor.
        projector = Mlp.Build(backbone.FeatureDim, hidden, dim, layers: 2, finalBatchNorm: true, finalAffine: false);
        predictor = Mlp.Build(dim, hidden, dim, layers: 2);
        momentum = new MomentumTeacher<Sequential>(backbone, projector,
            () => Mlp.Build(backbone.FeatureDim, hidden, dim, layers: 2, finalBatchNorm: true, finalAffine: false),
            hp[EmaBase]);
        (momentumBackbone, momentumProjector) = (momentum.Backbone, momentum.Head);
        temperature = hp[Temperature];
        RegisterComponents();
    }

    /// <summary>MoCo v3 uses BYOL's asymmetric augmentations (Chen et al. 2021, §4).</summary>
    public override (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) ViewRecipes(int size) =>
        ByolViews(size);

    public override Tensor forward(Views views)
    {
        using var scope = NewDisposeScope();
        var q1 = predictor.call(projector.call(backbone.call(views.First)));  // N x D
        var q2 = predictor.call(projector.call(backbone.call(views.Second))); // N x D
        Tensor k1, k2;
        using (no_grad()) // stop-gradient: the keys come from the momentum encoder, never trained
        {
            k1 = momentum.call(views.First);                                  // N x D
            k2 = momentum.call(views.Second);                                 // N x D
        }
        return InfoNce.Symmetric(q1, q2, k1, k2, temperature).MoveToOuterDisposeScope(); // scalar
    }

    public override void AfterOptimizerStep(StepContext context) => momentum.Update(context);
}
