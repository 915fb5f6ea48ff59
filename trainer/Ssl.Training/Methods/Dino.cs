using Ssl.Training.Augmentations;
using Ssl.Training.Encoders;
using Ssl.Training.Heads;
using Ssl.Training.Losses;
using Ssl.Training.Optimization;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>DINO (Caron et al., "Emerging Properties in Self-Supervised Vision Transformers", ICCV 2021): a student
/// sees all crops, a teacher (EMA of the student) only the global ones; the student matches the teacher's centred
/// and sharpened distribution over K prototypes. The centre is a buffer, so a checkpoint carries it.</summary>
public sealed class Dino : SslMethod
{
    readonly DinoHead head;            // student head
    readonly Encoder teacherBackbone;  // EMA of backbone, no gradients
    readonly DinoHead teacherHead;     // EMA of head, no gradients
    readonly Tensor center;            // 1 x K
    readonly double studentTemperature;
    readonly (double Start, double End, int Epochs) teacherTemperature;
    readonly double centerMomentum;
    readonly MomentumTeacher<DinoHead> teacher;
    readonly int freezeLastLayerEpochs;
    readonly int localCrops;
    StepContext step;

    static readonly HyperParameter HeadHiddenDim =
        HyperParameter.Count("head-hidden-dim", 2048, "hidden width of the head MLP")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter BottleneckDim =
        HyperParameter.Count("bottleneck-dim", 256, "bottleneck width before the prototypes")
            with { Rule = RecipeRules.HeadWidth };
    static readonly HyperParameter Prototypes =
        HyperParameter.Count("prototypes", 4096, "output dimension K (65536 in the paper; 4096 solo-learn CIFAR)");
    static readonly HyperParameter StudentTemperature =
        HyperParameter.Positive("student-temperature", 0.1, "student softmax temperature tau_s");
    static readonly HyperParameter TeacherTemperatureEnd =
        HyperParameter.Positive("teacher-temperature", 0.07,
            "teacher temperature tau_t after the warm-up (paper §3.1: 0.04 -> 0.07 over 30 epochs)");
    static readonly HyperParameter WarmupTeacherTemperature =
        HyperParameter.Positive("warmup-teacher-temperature", 0.04, "teacher temperature at epoch 0, raised linearly");
    static readonly HyperParameter TeacherTemperatureWarmupEpochs =
        HyperParameter.Count("teacher-temperature-warmup-epochs", 30,
            "epochs of the linear teacher-temperature warm-up", min: 0) with { Rule = RecipeRules.EpochsOf(300) };
    static readonly HyperParameter CenterMomentum =
        HyperParameter.Fraction("center-momentum", 0.9, "momentum m of the teacher-output centre", maxExclusive: true);
    static readonly HyperParameter EmaBase =
        HyperParameter.Fraction("ema-base", 0.9995,
            "base teacher momentum, raised to 1 on a cosine (0.9995 solo-learn CIFAR; 0.996 paper)", maxExclusive: true)
            with { Rule = RecipeRules.EmaBase };
    static readonly HyperParameter FreezeLastLayerEpochs =
        HyperParameter.Count("freeze-last-layer-epochs", 1,
            "epochs during which the last head layer is not updated", min: 0);
    static readonly HyperParameter LocalCrops =
        HyperParameter.Count("local-crops", 6,
            "small multi-crop views besides the 2 global ones (the DINO code's default is 8)", min: 0);

    public static MethodDefinition Definition { get; } = new(
        Name: "dino",
        Title: "DINO",
        Reference: "Caron et al., Emerging Properties in Self-Supervised Vision Transformers, ICCV 2021 "
            + "(arXiv:2104.14294)",
        HyperParameters:
        [
            HeadHiddenDim, BottleneckDim, Prototypes, StudentTemperature, TeacherTemperatureEnd,
            WarmupTeacherTemperature, TeacherTemperatureWarmupEpochs, CenterMomentum, EmaBase, FreezeLastLayerEpochs,
            LocalCrops,
        ],
        // solo-learn CIFAR recipe (as DINO's own ResNet-50 one): LARS lr 0.3 (per 256), wd 1e-6, eta 0.02, clip_lr, 10
        // warm-up epochs.
        Optimizer: OptimizerSettings.SoloLearnLars(0.3, 1e-6),
        Create: (encoder, hp) => new Dino(encoder, hp));

    public Dino(Encoder backbone, HyperParameters hp) : base(nameof(Dino), backbone)
    {
        var (hidden, bottleneck, k) = (hp.Int(HeadHiddenDim), hp.Int(BottleneckDim), hp.Int(Prototypes));
        head = new DinoHead(backbone.FeatureDim, hidden, bottleneck, k);
        teacher = new MomentumTeacher<DinoHead>(backbone, head,
            () => new DinoHead(backbone.FeatureDim, hidden, bottleneck, k), hp[EmaBase]);
        (teacherBackbone, teacherHead) = (teacher.Backbone, teacher.Head);
        center = zeros(1, k);
        studentTemperature = hp[StudentTemperature];
        teacherTemperature = (hp[WarmupTeacherTemperature], hp[TeacherTemperatureEnd],
            hp.Int(TeacherTemperatureWarmupEpochs));
        centerMomentum = hp[CenterMomentum];
        freezeLastLayerEpochs = hp.Int(FreezeLastLayerEpochs);
        localCrops = hp.Int(LocalCrops);
        RegisterComponents();
    }

    /// <summary>BYOL's asymmetric global views (DINO, App. "Data augmentation") and <c>local-crops</c> small
    /// ones.</summary>
    public override (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) ViewRecipes(int size)
    {
        var local = ViewRecipe.LocalCrop(Math.Max(8, (int)Math.Round(size * 96.0 / 224)), size)
            with { BlurProbability = 0.5 };
        return ([ViewRecipe.ByolFirst(size), ViewRecipe.ByolSecond(size)],
            Enumerable.Repeat(local, localCrops).ToList());
    }

    /// <summary>The reference code's schedule: linspace(start, end, warm-up epochs), then constant.</summary>
    public double TeacherTemperature(int epoch)
    {
        var (start, end, epochs) = teacherTemperature;
        if (epoch >= epochs) return end;
        return epochs == 1 ? start : start + (end - start) * epoch / (epochs - 1);
    }

    public override void BeforeForward(StepContext context) => step = context;

    public override Tensor forward(Views views)
    {
        using var scope = NewDisposeScope();
        var n = views.First.shape[0];
        // Crops of one resolution go through the network together, as in the reference code's MultiCropWrapper.
        var global = cat(views.Global.ToList(), 0);                              // 2N x C x H x W
        var student = head.call(backbone.call(global)).split(n).ToList();       // 2 x (N x K)
        if (views.Local.Count > 0)                                               // + L x (N x K)
            student.AddRange(head.call(backbone.call(cat(views.Local.ToList(), 0))).split(n));
        Tensor[] targets;
        using (no_grad()) // stop-gradient: the teacher is the student's moving average, never trained
            targets = teacher.call(global).split(n);                            // 2 x (N x K)
        var loss = DinoLoss.Loss(                                                // scalar
            student, targets, center, studentTemperature, TeacherTemperature(step.Epoch));
        using (no_grad()) center.copy_(DinoLoss.NextCenter(center, targets, centerMomentum)); // 1 x K
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>DINO cancels the last layer's gradients during the first epoch(s)
    /// (<c>cancel_gradients_last_layer</c>).</summary>
    public override void BeforeOptimizerStep(StepContext context)
    {
        if (context.Epoch < freezeLastLayerEpochs) head.LastLayer.grad = null;
    }

    public override void AfterOptimizerStep(StepContext context) => teacher.Update(context);
}
