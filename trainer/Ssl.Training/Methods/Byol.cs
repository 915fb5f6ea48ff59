using Ssl.Training.Augmentations;
using Ssl.Training.Encoders;
using Ssl.Training.Heads;
using Ssl.Training.Losses;
using Ssl.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>BYOL (Grill et al., "Bootstrap Your Own Latent", NeurIPS 2020): an online encoder + projector + predictor
/// regresses a target encoder + projector that is an exponential moving average of the online ones, with tau rising
/// from a base to 1 on a cosine over training (§3.2). Loss: 2 - 2 cos(q(z1), sg(z'2)) + the swapped term.</summary>
public sealed class Byol : SslMethod
{
    readonly Sequential projector;       // features -> 4096 -> D (projector-dim, 256)
    readonly Sequential predictor;       // D -> 4096 -> D
    readonly Encoder targetBackbone;     // EMA of backbone, no gradients
    readonly Sequential targetProjector; // EMA of projector, no gradients
    readonly MomentumTeacher<Sequential> target;

    static readonly HyperParameter ProjectorHiddenDim =
        HyperParameter.Count("projector-hidden-dim", 4096, "hidden width of the projector and predictor")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter ProjectorDim =
        HyperParameter.Count("projector-dim", 256, "output width of the projector and predictor")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter EmaBase =
        HyperParameter.Fraction("ema-base", 0.99,
            "base target momentum tau, raised to 1 on a cosine (0.99 solo-learn CIFAR; 0.996 paper)",
            maxExclusive: true)
            with { Rule = RecipeRules.EmaBase };

    public static MethodDefinition Definition { get; } = new(
        Name: "byol",
        Title: "BYOL",
        Reference: "Grill et al., Bootstrap Your Own Latent, NeurIPS 2020 (arXiv:2006.07733)",
        HyperParameters: [ProjectorHiddenDim, ProjectorDim, EmaBase],
        // solo-learn CIFAR recipe: LARS lr 1.0 (per 256), wd 1e-5, eta 0.02, clip_lr, 10 warm-up epochs.
        Optimizer: OptimizerSettings.SoloLearnLars(1.0, 1e-5),
        Create: (encoder, hp) => new Byol(encoder, hp));

    public Byol(Encoder backbone, HyperParameters hp) : base(nameof(Byol), backbone)
    {
        var (hidden, dim) = (hp.Int(ProjectorHiddenDim), hp.Int(ProjectorDim));
        projector = Mlp.Build(backbone.FeatureDim, hidden, dim, layers: 2);
        predictor = Mlp.Build(dim, hidden, dim, layers: 2);
        target = new MomentumTeacher<Sequential>(backbone, projector,
            () => Mlp.Build(backbone.FeatureDim, hidden, dim, layers: 2), hp[EmaBase]);
        (targetBackbone, targetProjector) = (target.Backbone, target.Head);
        RegisterComponents();
    }

    /// <summary>BYOL's asymmetric views (Grill et al. 2020, Table 6).</summary>
    public override (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) ViewRecipes(int size) =>
        ByolViews(size);

    public override Tensor forward(Views views)
    {
        using var scope = NewDisposeScope();
        var z1 = projector.call(backbone.call(views.First));  // N x D
        var z2 = projector.call(backbone.call(views.Second)); // N x D
        var q1 = predictor.call(z1);                          // N x D
        var q2 = predictor.call(z2);                          // N x D
        Tensor t1, t2;
        using (no_grad()) // stop-gradient: the target is the online networks' moving average, never trained
        {
            t1 = target.call(views.First);                    // N x D
            t2 = target.call(views.Second);                   // N x D
        }
        return ByolLoss.Symmetric(q1, q2, t1, t2).MoveToOuterDisposeScope(); // scalar
    }

    /// <summary>The target's momentum at <paramref name="context"/>'s step.</summary>
    public double Tau(StepContext context) => target.Tau(context);

    public override void AfterOptimizerStep(StepContext context) => target.Update(context);
}
