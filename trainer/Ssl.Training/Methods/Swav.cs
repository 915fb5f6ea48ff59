using Ssl.Training.Augmentations;
using Ssl.Training.Encoders;
using Ssl.Training.Heads;
using Ssl.Training.Losses;
using Ssl.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>SwAV (Caron et al., "Unsupervised Learning of Visual Features by Contrasting Cluster Assignments",
/// NeurIPS 2020): l2-normalised embeddings scored against l2-normalised prototypes; codes from Sinkhorn-Knopp on the
/// global views (optionally with a queue of earlier embeddings) are predicted from every other view, local crops
/// included (multi-crop). The prototypes are frozen for the first epoch(s), as in the reference code.</summary>
public sealed class Swav : SslMethod
{
    readonly Sequential projector;  // features -> N x 2048 -> N x D
    readonly Linear prototypes;     // N x D -> N x K, rows renormalised before every forward
    readonly Tensor? queue;         // G x Q x D, newest first; a buffer, so a checkpoint carries it
    readonly double temperature;
    readonly double epsilon;
    readonly int iterations;
    readonly int freezePrototypesEpochs;
    readonly int queueStartEpoch;
    readonly int localCrops;
    StepContext step;

    static readonly HyperParameter ProjectorHiddenDim =
        HyperParameter.Count("projector-hidden-dim", 2048, "hidden width of the projector")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter ProjectorDim =
        HyperParameter.Count("projector-dim", 128, "embedding width D")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter PrototypeCount =
        HyperParameter.Count("prototypes", 3000, "number of prototypes K");
    static readonly HyperParameter Temperature =
        HyperParameter.Positive("temperature", 0.1, "softmax temperature tau of the swapped prediction");
    static readonly HyperParameter SinkhornEpsilon =
        HyperParameter.Positive("sinkhorn-epsilon", 0.05, "entropic regularisation epsilon of Sinkhorn-Knopp");
    static readonly HyperParameter SinkhornIterations =
        HyperParameter.Count("sinkhorn-iterations", 3, "Sinkhorn-Knopp iterations");
    static readonly HyperParameter FreezePrototypesEpochs =
        HyperParameter.Count("freeze-prototypes-epochs", 1,
            "epochs at the start during which the prototypes are not updated (paper: 1; solo-learn CIFAR: 2)",
            min: 0);
    static readonly HyperParameter LocalCrops =
        HyperParameter.Count("local-crops", 6,
            "small multi-crop views besides the 2 global ones (paper: 2x224 + 6x96)", min: 0);
    static readonly HyperParameter QueueLength =
        HyperParameter.Count("queue-length", 3840,
            "embeddings of earlier batches added to Sinkhorn's input; 0 disables the queue "
            + "(solo-learn CIFAR: 3840)", min: 0)
            with { Rule = RecipeRules.QueueLength };
    static readonly HyperParameter QueueStartEpoch =
        HyperParameter.Count("queue-start-epoch", 50,
            "first epoch (0-based) that uses the queue, once full; it is filled from the start "
            + "(solo-learn CIFAR: 50)", min: 0)
            with { Rule = RecipeRules.EpochsOf(1000) };

    public static MethodDefinition Definition { get; } = new(
        Name: "swav",
        Title: "SwAV",
        Reference: "Caron et al., Unsupervised Learning of Visual Features by Contrasting Cluster Assignments, "
            + "NeurIPS 2020 (arXiv:2006.09882)",
        HyperParameters:
        [
            ProjectorHiddenDim, ProjectorDim, PrototypeCount, Temperature, SinkhornEpsilon, SinkhornIterations,
            FreezePrototypesEpochs, LocalCrops, QueueLength, QueueStartEpoch,
        ],
        // solo-learn CIFAR recipe: LARS lr 0.6 (per 256), wd 1e-6, eta 0.02, clip_lr, 10 warm-up epochs.
        Optimizer: OptimizerSettings.SoloLearnLars(0.6, 1e-6),
        Create: (encoder, hp) => new Swav(encoder, hp));

    public Swav(Encoder backbone, HyperParameters hp) : base(nameof(Swav), backbone)
    {
        var dim = hp.Int(ProjectorDim);
        projector = Mlp.Build(backbone.FeatureDim, hp.Int(ProjectorHiddenDim), dim, layers: 2);
        prototypes = nn.Linear(dim, hp.Int(PrototypeCount), hasBias: false);
        if (hp.Int(QueueLength) > 0) queue = zeros(2, hp.Int(QueueLength), dim);
        temperature = hp[Temperature];
        epsilon = hp[SinkhornEpsilon];
        iterations = hp.Int(SinkhornIterations);
        freezePrototypesEpochs = hp.Int(FreezePrototypesEpochs);
        queueStartEpoch = hp.Int(QueueStartEpoch);
        localCrops = hp.Int(LocalCrops);
        RegisterComponents();
    }

    public Tensor Prototypes => prototypes.weight!;

    /// <summary>Two global views with the CIFAR recipe and <c>local-crops</c> small ones at 96/224 of the
    /// side.</summary>
    public override (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) ViewRecipes(int size)
    {
        var local = ViewRecipe.LocalCrop(Math.Max(8, (int)Math.Round(size * 96.0 / 224)), size);
        return ([ViewRecipe.Cifar(size), ViewRecipe.Cifar(size)], Enumerable.Repeat(local, localCrops).ToList());
    }

    public override void BeforeForward(StepContext context) => step = context;

    public override Tensor forward(Views views)
    {
        using var scope = NewDisposeScope();
        using (no_grad()) prototypes.weight!.copy_(nn.functional.normalize(prototypes.weight!, dim: 1));
        var n = views.First.shape[0];
        // Views of one resolution go through the network together, as in the reference code (shared BN statistics).
        var globalZ = Embed(views.Global);                                           // 2N x D
        var z = views.Local.Count == 0 ? globalZ : cat([globalZ, Embed(views.Local)], 0); // (2 + L)N x D
        var scores = prototypes.call(z).split(n);                                    // (2 + L) x (N x K)
        var codes = new List<Tensor>();
        using (no_grad()) // stop-gradient: the codes are targets, as under the reference code's torch.no_grad()
            for (var i = 0; i < views.Global.Count; i++) codes.Add(Codes(scores[i].detach(), i, n)); // 2 x (N x K)
        var loss = SwavLoss.Loss(scores, codes, temperature);                        // scalar
        if (queue is not null) Enqueue(globalZ.detach().split(n));                   // 2 x (N x D) into G x Q x D
        return loss.MoveToOuterDisposeScope();
    }

    Tensor Embed(IReadOnlyList<Tensor> views) =>
        nn.functional.normalize(projector.call(backbone.call(cat(views.ToList(), 0))), dim: 1);

    /// <summary>Sinkhorn codes of global view <paramref name="i"/>; with the queue in use, its scores join the
    /// batch's. The caller holds <c>no_grad()</c>.</summary>
    Tensor Codes(Tensor scores, int i, long n)
    {
        var input = scores;
        if (queue is not null && step.Epoch >= queueStartEpoch && QueueIsFull(i))
            input = cat([prototypes.call(queue[i]), input], 0);
        return SwavLoss.Sinkhorn(input, epsilon, iterations).narrow(0, input.shape[0] - n, n);
    }

    /// <summary>The reference code uses the queue once its oldest slot holds an embedding (unit norm, so
    /// non-zero).</summary>
    bool QueueIsFull(int i) => queue![i][-1].abs().sum().item<float>() > 0;

    void Enqueue(Tensor[] embeddings)
    {
        using var noGrad = no_grad();
        var length = queue!.shape[1];
        for (var i = 0; i < queue.shape[0]; i++)
            queue[i].copy_(cat([embeddings[i], queue[i]], 0).narrow(0, 0, length));
    }

    /// <summary>Freezes the prototypes in the first epoch(s): without a gradient the optimiser leaves them (and
    /// their momentum) untouched, as the reference code's <c>p.grad = None</c>.</summary>
    public override void BeforeOptimizerStep(StepContext context)
    {
        if (context.Epoch < freezePrototypesEpochs) prototypes.weight!.grad = null;
    }
}
