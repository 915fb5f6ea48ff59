using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using Ssl.Training.Optimization;

namespace Ssl.Training.Runs;

/// <summary>Everything that defines a training run. Written to <c>request.json</c> so a run can be resumed
/// or reproduced from its directory alone. Null optimiser fields mean "the method's recipe".</summary>
public sealed record TrainingOptions
{
    public string Method { get; init; } = "simsiam";
    public Dictionary<string, string> Set { get; init; } = new();
    public EncoderOptions Encoder { get; init; } = new();
    public string Dataset { get; init; } = "builtin";
    public int? TrainLimit { get; init; }
    public int Epochs { get; init; } = 20;
    /// <summary>A time budget for training, in minutes: the run plans its <see cref="Epochs"/> from the measured
    /// step time (<see cref="Budget"/>) and the schedule ends at the budget. Null: <see cref="Epochs"/> as given.
    /// </summary>
    public double? Minutes { get; init; }
    /// <summary>The plan made for <see cref="Minutes"/>, recorded in request.json so that a resume keeps it.</summary>
    public TimeBudget? Budget { get; init; }
    public int BatchSize { get; init; } = 256;
    public long Seed { get; init; }
    public OptimizerKind? Optimizer { get; init; }
    public double? LearningRate { get; init; }
    public double? WeightDecay { get; init; }
    public double? WarmupEpochs { get; init; }
    public double? GradientClip { get; init; }
    /// <summary>Smallest area fraction of the global views' random resized crops (null: the method's recipe,
    /// 0.2 for CIFAR-size images). Larger keeps more of each object in both views.</summary>
    public double? CropScaleMin { get; init; }
    /// <summary>Gaussian blur of the method's views: null applies <see cref="Augmentations.ViewRecipe.NoBlurMaxSide"/>
    /// (off for images of at most 64 pixels), true keeps the recipe's blur at any size, false turns it off.</summary>
    public bool? Blur { get; init; }
    public int CheckpointEvery { get; init; } = 5;
    public int KnnK { get; init; } = 200;
    public double KnnTemperature { get; init; } = 0.1;
    /// <summary>kNN accuracy on the held-out set every N epochs (and after the last), for the report's curve; 0 =
    /// off.</summary>
    public int EvalEvery { get; init; } = 5;
    /// <summary>Stop as collapsed when the effective rank (RankMe) of the embeddings of the monitoring batch falls
    /// below this (1 = every image on one line); 0 = never.</summary>
    public double CollapseThreshold { get; init; } = 2.0;
    public string Device { get; init; } = "auto";
    /// <summary>Bytes of images held in memory; a larger dataset is streamed (null:
    /// <see cref="Data.MemoryBudget.Default"/>). <c>ssl train</c> resolves it once as the data's share of the
    /// process budget (<see cref="Data.MemoryBudget.DataShare"/>). Kept in request.json because it decides
    /// resident or streamed, hence the data order a resume must repeat.</summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>Warm start: a checkpoint of another run of the same method and architecture whose weights (backbone
    /// and heads) initialise this run; the optimiser, schedule and step count start fresh. Ignored when this run has
    /// a checkpoint of its own (it resumes from that).</summary>
    public string? WarmStartCheckpoint { get; init; }

    /// <summary>The run <see cref="WarmStartCheckpoint"/> came from, recorded in request.json and the report.</summary>
    public string? WarmStartRunId { get; init; }

    /// <summary>Optimiser steps of a run whose epochs nobody chose: about 10 epochs of the built-in data at batch 128,
    /// where bare <c>ssl train</c>'s kNN rose from 18.7% (random) to 67.9-75.1% (README, docs/methods.md).</summary>
    public const int DefaultBudgetSteps = 400;

    /// <summary>Epochs for <see cref="DefaultBudgetSteps"/> on <paramref name="trainCount"/> images at
    /// <paramref name="batchSize"/>, between 1 and 100.</summary>
    public static int DefaultEpochs(int trainCount, int batchSize) =>
        (int)Math.Clamp(Math.Ceiling((double)DefaultBudgetSteps / Math.Max(1, trainCount / batchSize)), 1, 100);

    /// <summary>The method's optimiser recipe with this run's overrides applied; the paper's warm-up is capped
    /// at this run's length (<see cref="RecipeRules.DefaultWarmupEpochs"/>) unless set here.</summary>
    public OptimizerSettings ResolveOptimizer(OptimizerSettings recipe) => recipe with
    {
        Kind = Optimizer ?? recipe.Kind,
        LearningRate = LearningRate ?? recipe.LearningRate,
        WeightDecay = WeightDecay ?? recipe.WeightDecay,
        WarmupEpochs = WarmupEpochs ?? RecipeRules.DefaultWarmupEpochs(recipe.WarmupEpochs, Epochs),
        GradientClip = GradientClip ?? recipe.GradientClip,
    };

    /// <summary>Checks every field; the message names the field and what was expected.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1, got {Epochs}.");
        if (Minutes is { } minutes && !(minutes > 0))
            throw new ArgumentException($"minutes must be > 0, got {minutes}.");
        if (BatchSize < 2)
            throw new ArgumentException(
                $"batch-size must be at least 2 (batch normalisation needs two samples), got {BatchSize}.");
        if (CheckpointEvery < 1)
            throw new ArgumentException($"checkpoint-every must be at least 1, got {CheckpointEvery}.");
        if (KnnK < 1) throw new ArgumentException($"knn-k must be at least 1, got {KnnK}.");
        if (EvalEvery < 0)
            throw new ArgumentException($"eval-every must be >= 0 (0 turns periodic kNN off), got {EvalEvery}.");
        if (!(CollapseThreshold >= 0))
            throw new ArgumentException(
                $"collapse-threshold must be >= 0 (0 turns the check off), got {CollapseThreshold}.");
        if (!(KnnTemperature > 0)) throw new ArgumentException($"knn-temperature must be > 0, got {KnnTemperature}.");
        if (LearningRate is { } lr && !(lr > 0)) throw new ArgumentException($"lr must be > 0, got {lr}.");
        if (WeightDecay is { } wd && !(wd >= 0)) throw new ArgumentException($"weight-decay must be >= 0, got {wd}.");
        if (WarmupEpochs is { } we && !(we >= 0)) throw new ArgumentException($"warmup-epochs must be >= 0, got {we}.");
        if (CropScaleMin is { } crop && !(crop > 0 && crop <= 1))
            throw new ArgumentException($"crop-scale-min must be in (0, 1], got {crop}.");
        if (MemoryBudgetBytes is { } budget && budget < 1)
            throw new ArgumentException($"memory-budget must be positive, got {budget} bytes.");
        if (TrainLimit is { } limit && limit < 1)
            throw new ArgumentException($"train-limit must be at least 1, got {limit}.");
        if (Encoder.Width < 1) throw new ArgumentException($"width must be at least 1, got {Encoder.Width}.");
        if (!EncoderOptions.Architectures.Contains(Encoder.Architecture))
            throw new ArgumentException($"encoder '{Encoder.Architecture}' is unknown; expected one of "
                + $"{string.Join(", ", EncoderOptions.Architectures)}.");
    }
}
