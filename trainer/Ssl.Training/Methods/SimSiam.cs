using Ssl.Training.Encoders;
using Ssl.Training.Heads;
using Ssl.Training.Losses;
using Ssl.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>SimSiam (Chen &amp; He, "Exploring Simple Siamese Representation Learning", CVPR 2021):
/// a 3-layer projector ending in BN without affine, a bottleneck predictor D -> D/4 -> D, and the symmetric
/// negative-cosine loss with stop-gradient on the target branch.</summary>
public sealed class SimSiam : SslMethod
{
    readonly Sequential projector;  // features -> N x D
    readonly Sequential predictor;  // N x D -> N x D/4 -> N x D
    readonly bool fixedPredictorLr;
    readonly bool stopGradient;

    static readonly HyperParameter ProjectorDim =
        HyperParameter.Count("projector-dim", 2048, "output and hidden width of the projector (D)")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter ProjectorLayers =
        HyperParameter.Count("projector-layers", 3,
            "Linear layers in the projector (3 in the paper; 2 in its CIFAR variant)");
    static readonly HyperParameter PredictorDim =
        HyperParameter.Count("predictor-dim", 512, "bottleneck width of the predictor (D/4 in the paper)")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter FixedPredictorLr =
        HyperParameter.Switch("fixed-predictor-lr", true, "keep the predictor at the base learning rate (paper §4.4)");
    static readonly HyperParameter StopGradient =
        HyperParameter.Switch("stop-gradient", true,
            "stop-gradient on the target branch; false collapses (paper §4.1), for diagnostics only");

    public static MethodDefinition Definition { get; } = new(
        Name: "simsiam",
        Title: "SimSiam",
        Reference: "Chen & He, Exploring Simple Siamese Representation Learning, CVPR 2021 (arXiv:2011.10566)",
        HyperParameters: [ProjectorDim, ProjectorLayers, PredictorDim, FixedPredictorLr, StopGradient],
        // solo-learn's CIFAR recipe (scripts/pretrain/cifar/simsiam.yaml): SGD, lr 0.5 x batch/256, momentum 0.9,
        // weight decay 1e-5, cosine schedule, as the other methods take solo-learn's CIFAR values. The paper's CIFAR
        // values (App. D: lr 0.03, weight decay 5e-4) are for 800 epochs; on a 390-step run they barely move the
        // encoder (docs/methods.md: 22.4% kNN, against 28.1% with these, on the built-in data).
        Optimizer: new OptimizerSettings
        {
            Kind = OptimizerKind.Sgd, LearningRate = 0.5, WeightDecay = 1e-5, Momentum = 0.9
        },
        Create: (encoder, hp) => new SimSiam(encoder, hp));

    public SimSiam(Encoder backbone, HyperParameters hp) : base(nameof(SimSiam), backbone)
    {
        var dim = hp.Int(ProjectorDim);
        projector = Mlp.Build(backbone.FeatureDim, dim, dim, hp.Int(ProjectorLayers),
            finalBatchNorm: true, finalAffine: false);
        predictor = Mlp.Build(dim, hp.Int(PredictorDim), dim, layers: 2);
        fixedPredictorLr = hp.Flag(FixedPredictorLr);
        stopGradient = hp.Flag(StopGradient);
        RegisterComponents();
    }

    public override Tensor forward(Views views)
    {
        using var scope = NewDisposeScope();
        var z1 = projector.call(backbone.call(views.First));  // N x D
        var z2 = projector.call(backbone.call(views.Second)); // N x D
        var p1 = predictor.call(z1);                          // N x D
        var p2 = predictor.call(z2);                          // N x D
        // stop-gradient on the targets (paper Eq. 3); the stop-gradient=false ablation lets it through.
        var (t1, t2) = stopGradient ? (z1.detach(), z2.detach()) : (z1, z2); // N x D
        return NegativeCosine.Symmetric(p1, p2, t1, t2).MoveToOuterDisposeScope(); // scalar
    }

    public override IReadOnlyList<ParameterGroup> ParameterGroups()
    {
        var all = named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, p.parameter)).ToList();
        return
        [
            new ParameterGroup("encoder",
                all.Where(p => !p.name.StartsWith("predictor.", StringComparison.Ordinal)).ToList()),
            new ParameterGroup("predictor",
                all.Where(p => p.name.StartsWith("predictor.", StringComparison.Ordinal)).ToList())
                { FixedLearningRate = fixedPredictorLr },
        ];
    }
}
