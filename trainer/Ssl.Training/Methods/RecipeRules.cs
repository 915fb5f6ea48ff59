namespace Ssl.Training.Methods;

/// <summary>The rules that re-express a paper's hyper-parameters for a run of another length or backbone
/// (issue 12). Each gives the paper's value back on <see cref="RunShape.Reference"/>; a method's file says
/// which of its hyper-parameters follow which rule.</summary>
public static class RecipeRules
{
    /// <summary>Smallest head width the width rule gives (a 16-wide ConvNet has 128 features).</summary>
    public const int MinHeadWidth = 32;

    /// <summary>Lowest EMA base the horizon rule gives: BYOL's ablation (Grill et al. 2020, Table 5b) still learns
    /// well at tau 0.9, while lower values approach the collapse of tau 0.</summary>
    public const double MinEmaBase = 0.9;

    /// <summary>Heads sized to the backbone: the paper's width times the backbone's feature width over the paper
    /// backbone's (512, ResNet-18). The papers scale the same way: Barlow Twins and VICReg use 8192-wide projectors
    /// on ResNet-50's 2048 features and solo-learn 2048 on ResNet-18's 512.</summary>
    public static RecipeRule HeadWidth { get; } = new(
        "paper x backbone features / 512 (ResNet-18), at least 32",
        (paper, run) => Math.Max(Math.Min(paper, MinHeadWidth),
            Math.Round(paper * run.FeatureDim / RunShape.Reference.FeatureDim, MidpointRounding.AwayFromZero)));

    /// <summary>EMA base from the run's length: 1 - tau scales with 1/sqrt(steps), so a run as long as the
    /// paper's keeps the paper's tau and a shorter run forgets its random initialisation too. BYOL's own presets
    /// (byol/configs/byol.py, ImageNet at batch 4096: 40 epochs 0.97, 100 and 300 epochs 0.99, 1000 epochs 0.996)
    /// shrink 1 - tau by 7.5x over a 25x longer run, between the square-root rule (5x) and a linear one (25x);
    /// the square root is the conservative end. Never below <see cref="MinEmaBase"/>.</summary>
    public static RecipeRule EmaBase { get; } = new(
        "1 - (1 - paper) x sqrt(195,000 / run steps), at least 0.9 (BYOL's epoch presets)",
        (paper, run) => Math.Clamp(
            1 - (1 - paper) * Math.Sqrt((double)RunShape.Reference.TotalSteps / Math.Max(1, run.TotalSteps)),
            Math.Min(paper, MinEmaBase), 1 - 1e-6));

    /// <summary>Shortest queue the queue rule keeps: one batch of the paper's (solo-learn CIFAR: 256).</summary>
    public const int MinQueueLength = 256;

    /// <summary>A queue of earlier embeddings (SwAV's Sinkhorn input) holds the model's recent history: solo-learn's
    /// 3840 at batch 256 is 15 of 195,000 steps. The rule keeps that history the same fraction of the run, so a run of
    /// a few hundred steps, whose model moves far within 30 steps, gets none (below <see cref="MinQueueLength"/>:
    /// off). Measured on the built-in data, bare <c>ssl train --method swav</c> (docs/methods.md, "SwAV's queue"):
    /// with the paper's queue all three seeds collapsed and each step took 5x as long (Sinkhorn over 3,968 x 3,000
    /// scores); without it the run learned.</summary>
    public static RecipeRule QueueLength { get; } = new(
        $"paper x run steps / 195,000 (the same share of the run's history), off under {MinQueueLength}",
        (paper, run) =>
        {
            var length = Math.Floor(paper * run.TotalSteps / RunShape.Reference.TotalSteps);
            return length < MinQueueLength ? 0 : Math.Min(paper, length);
        });

    /// <summary>A schedule given in epochs of a <paramref name="paperRunEpochs"/>-epoch run keeps its fraction of
    /// the run, and never exceeds the paper's epochs.</summary>
    public static RecipeRule EpochsOf(int paperRunEpochs) => new(
        $"the same fraction of the run as paper / {paperRunEpochs} epochs",
        (paper, run) => Math.Min(paper,
            Math.Round(paper * run.Epochs / paperRunEpochs, MidpointRounding.AwayFromZero)));

    /// <summary>Linear learning-rate warm-up: the paper's epochs, but at most this fraction of the run, so that a
    /// short run also anneals (solo-learn's CIFAR recipes warm up 10 of 1000 epochs). Not the default: measured on
    /// the built-in data (docs/methods.md, "Each rule alone"), this rule alone took SimCLR from 75.3% to 65.3% kNN,
    /// and the BYOL try from 37.8% to 23.3%; with LARS at the papers' peak rates the long warm-up acts as the
    /// low learning rate a few hundred steps need. Ask for it with <c>--warmup-epochs</c> (<c>ssl methods</c> prints
    /// what it gives).</summary>
    public const double MaxWarmupFraction = 0.1;

    public static double WarmupEpochs(double paperEpochs, int runEpochs) =>
        Math.Min(paperEpochs, MaxWarmupFraction * runEpochs);

    /// <summary>The default warm-up: the paper's epochs, at most the whole run (a longer one would never reach the
    /// peak rate).</summary>
    public static double DefaultWarmupEpochs(double paperEpochs, int runEpochs) => Math.Min(paperEpochs, runEpochs);
}
