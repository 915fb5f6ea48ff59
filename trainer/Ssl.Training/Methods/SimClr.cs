using Ssl.Training.Encoders;
using Ssl.Training.Heads;
using Ssl.Training.Losses;
using Ssl.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>SimCLR (Chen et al., "A Simple Framework for Contrastive Learning of Visual Representations", ICML 2020):
/// a 2-layer projector and the NT-Xent loss, the other images of the batch being the negatives.</summary>
public sealed class SimClr : SslMethod
{
    readonly Sequential projector;  // features -> N x 2048 -> N x 256
    readonly double temperature;

    static readonly HyperParameter ProjectorHiddenDim =
        HyperParameter.Count("projector-hidden-dim", 2048, "hidden width of the projector")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter ProjectorDim =
        HyperParameter.Count("projector-dim", 256, "output width of the projector")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter Temperature =
        HyperParameter.Positive("temperature", 0.2,
            "NT-Xent temperature tau (0.2 solo-learn CIFAR; 0.5 in the paper's CIFAR runs)");

    public static MethodDefinition Definition { get; } = new(
        Name: "simclr",
        Title: "SimCLR",
        Reference: "Chen, Kornblith, Norouzi & Hinton, A Simple Framework for Contrastive Learning of Visual "
            + "Representations, ICML 2020 (arXiv:2002.05709)",
        HyperParameters: [ProjectorHiddenDim, ProjectorDim, Temperature],
        // solo-learn CIFAR recipe: LARS lr 0.4 (per 256), wd 1e-5, eta 0.02, clip_lr, 10 warm-up epochs.
        Optimizer: OptimizerSettings.SoloLearnLars(0.4, 1e-5),
        Create: (encoder, hp) => new SimClr(encoder, hp));

    public SimClr(Encoder backbone, HyperParameters hp) : base(nameof(SimClr), backbone)
    {
        projector = Mlp.Build(backbone.FeatureDim, hp.Int(ProjectorHiddenDim), hp.Int(ProjectorDim), layers: 2);
        temperature = hp[Temperature];
        RegisterComponents();
    }

    public override Tensor forward(Views views)
    {
        using var scope = NewDisposeScope();
        var z1 = projector.call(backbone.call(views.First));  // N x D
        var z2 = projector.call(backbone.call(views.Second)); // N x D
        return NtXent.Loss(z1, z2, temperature).MoveToOuterDisposeScope(); // scalar
    }
}
