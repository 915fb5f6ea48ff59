using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Trainer.Client;
using Ssl.Cloud.Trainer.Worker;
using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>The run options, spelt once for every verb that defines a run (<c>train</c>, <c>runs submit</c>,
/// <c>datasets upload --train</c>, <c>schedules set</c>). Defaults are read from <see cref="TrainingOptions"/>;
/// the names a remote run sends are the worker's (<see cref="RequestMapper"/>), so both ends read one list.</summary>
public sealed class RunOptionSet
{
    readonly TrainingOptions Defaults;

    readonly List<(Option Option, string Key, Func<ParseResult, JsonElement> Value)> shorthands = [];

    /// <param name="defaults">The verb's defaults: <see cref="TrainingOptions"/>' own unless the verb has a recipe
    /// of its own (bare <c>ssl train</c>: <see cref="TrainCommand.Defaults"/>).</param>
    public RunOptionSet(bool remote, TrainingOptions? defaults = null)
    {
        Defaults = defaults ?? new TrainingOptions();
        Method = new Option<string>("--method", "-m")
        {
            Description = $"SSL method: {string.Join(", ", MethodRegistry.Names)}. See 'ssl methods'.",
            DefaultValueFactory = _ => Defaults.Method,
        };
        Encoder = new Option<string>("--encoder", "-e")
        {
            Description = "Backbone: convnet (small, fast on CPU) or resnet18.",
            DefaultValueFactory = _ => Defaults.Encoder.Architecture,
        };
        // A local run without --epochs or --minutes is sized to its dataset (TrainCommand, after the data are
        // open), so its help names that rule instead of a number; a remote run sends the default.
        Epochs = new Option<int>("--epochs")
        {
            Description = remote
                ? "Passes over the training set."
                : "Passes over the training set (default: enough epochs for about "
                    + $"{TrainingOptions.DefaultBudgetSteps} steps of the dataset, at most 100).",
        };
        if (remote) Epochs.DefaultValueFactory = _ => Defaults.Epochs;
        BatchSize = new Option<int>("--batch-size", "-b")
        {
            Description = "Images per step (the learning rate scales with batch/256).",
            DefaultValueFactory = _ => Defaults.BatchSize,
        };
        Set = new Option<string[]>("--set")
        {
            Description = "Override a method hyper-parameter or run setting, e.g. --set projector-dim=512 "
                + "(repeatable; see 'ssl methods').",
        };
        Width = Shorthand(new Option<int>("--width")
        {
            Description = "Channels of the encoder's first stage (64 = torchvision ResNet-18).",
            DefaultValueFactory = _ => Defaults.Encoder.Width,
        }, RequestMapper.Width);
        Stem = Shorthand(new Option<ResNetStem>("--stem")
        {
            Description = "ResNet stem: Cifar (3x3 conv, no max-pool; for small images) or ImageNet.",
            DefaultValueFactory = _ => Defaults.Encoder.Stem,
        }, RequestMapper.Stem);
        LearningRate = Shorthand(new Option<double?>("--lr")
        {
            Description = "Base learning rate for batch 256 (default: the method's paper value).",
        }, RequestMapper.LearningRate);
        WeightDecay = Shorthand(new Option<double?>("--weight-decay")
        {
            Description = "Weight decay (default: the method's paper value).",
        }, RequestMapper.WeightDecay);
        WarmupEpochs = Shorthand(new Option<double?>("--warmup-epochs")
        {
            Description = "Linear warm-up epochs before the cosine decay (default: the method's).",
        }, RequestMapper.WarmupEpochs);
        Blur = Shorthand(new Option<bool?>("--blur")
        {
            Description = "Gaussian blur in the method's views: true or false (default: the method's, off for images "
                + "of at most 64 px).",
        }, RequestMapper.Blur);
        Seed = Shorthand(new Option<long>("--seed")
        {
            Description = "Seed for weights, data order and augmentations.", DefaultValueFactory = _ => Defaults.Seed,
        }, RequestMapper.Seed);
        TrainLimit = Shorthand(new Option<int?>("--train-limit")
        {
            Description = "Use only the first N training images (quick runs).",
        }, RequestMapper.TrainLimit);
        CheckpointEvery = Shorthand(new Option<int>("--checkpoint-every")
        {
            Description = "Save a checkpoint every N epochs (and always at the end).",
            DefaultValueFactory = _ => Defaults.CheckpointEvery,
        }, RequestMapper.CheckpointEvery);
        EvalEvery = Shorthand(new Option<int>("--eval-every")
        {
            Description = "kNN on the held-out set every N epochs, for the report's curve (0 = only at the end).",
            DefaultValueFactory = _ => Defaults.EvalEvery,
        }, RequestMapper.EvalEvery);
        CollapseThreshold = Shorthand(new Option<double>("--collapse-threshold")
        {
            Description =
                "Stop as collapsed when the embeddings' effective rank (RankMe) falls below this (0 = never).",
            DefaultValueFactory = _ => Defaults.CollapseThreshold,
        }, RequestMapper.CollapseThreshold);
        KnnK = Shorthand(new Option<int>("--knn-k")
        {
            Description = "Neighbours of the weighted kNN probe.", DefaultValueFactory = _ => Defaults.KnnK,
        }, RequestMapper.KnnK);
        Minutes = new Option<double?>("--minutes")
        {
            Description = "Time budget for training in minutes, instead of --epochs: the epochs are planned from the "
                + "measured step time so that the schedule ends at the budget.",
        };
        if (remote)
        {
            WarmStartRun = new Option<string?>("--warm-start-run")
            {
                Description =
                    "Start from the weights of this Succeeded run (same method, encoder, width and channels).",
            };
        }

        Method.AcceptOnlyFromAmong([.. MethodRegistry.Names]);
        Encoder.AcceptOnlyFromAmong([.. EncoderOptions.Architectures]);
        OptionRules.AtLeast(Epochs, 1);
        OptionRules.AtLeast(BatchSize, 2);
        OptionRules.AtLeast(Width, 1);
        OptionRules.AtLeast(CheckpointEvery, 1);
        OptionRules.AtLeast(KnnK, 1);
        OptionRules.AtLeast(TrainLimit, 1);
    }

    public Option<string> Method { get; }
    public Option<string> Encoder { get; }
    public Option<int> Epochs { get; }
    public Option<int> BatchSize { get; }
    public Option<string[]> Set { get; }
    public Option<int> Width { get; }
    public Option<ResNetStem> Stem { get; }
    public Option<double?> LearningRate { get; }
    public Option<double?> WeightDecay { get; }
    public Option<double?> WarmupEpochs { get; }
    public Option<bool?> Blur { get; }
    public Option<long> Seed { get; }
    public Option<int?> TrainLimit { get; }
    public Option<int> CheckpointEvery { get; }
    public Option<int> EvalEvery { get; }
    public Option<double> CollapseThreshold { get; }
    public Option<int> KnnK { get; }

    public Option<double?> Minutes { get; }

    /// <summary>Remote verbs only: the local trainer has no warm start yet.</summary>
    public Option<string?>? WarmStartRun { get; }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All =>
        new Option?[] { Method, Encoder, Epochs, Minutes, BatchSize, WarmStartRun, Set }
            .Concat(shorthands.Select(s => s.Option)).OfType<Option>();

    public void AddTo(Command command)
    {
        foreach (var option in All) command.Options.Add(option);
    }

    /// <summary>True when the user typed any of the run options (not just their defaults).</summary>
    public bool AnyGiven(ParseResult parse) => All.Any(o => parse.GetResult(o) is { Implicit: false });

    /// <summary>The options of a local run (<c>ssl train</c>).</summary>
    public TrainingOptions ToTrainingOptions(ParseResult parse, string dataset) => Defaults with
    {
        Method = parse.GetValue(Method)!,
        Dataset = dataset,
        Encoder = new EncoderOptions
        {
            Architecture = parse.GetValue(Encoder)!, Width = parse.GetValue(Width), Stem = parse.GetValue(Stem),
        },
        Epochs = parse.GetValue(Epochs) is > 0 and var epochs ? epochs : Defaults.Epochs,
        Minutes = MinutesOrEpochs(parse),
        BatchSize = parse.GetValue(BatchSize),
        LearningRate = parse.GetValue(LearningRate),
        WeightDecay = parse.GetValue(WeightDecay),
        WarmupEpochs = parse.GetValue(WarmupEpochs),
        Blur = parse.GetValue(Blur),
        Set = ParseSet(parse.GetValue(Set) ?? []),
        Seed = parse.GetValue(Seed),
        TrainLimit = parse.GetValue(TrainLimit),
        CheckpointEvery = parse.GetValue(CheckpointEvery),
        EvalEvery = parse.GetValue(EvalEvery),
        CollapseThreshold = parse.GetValue(CollapseThreshold),
        KnnK = parse.GetValue(KnnK),
    };

    /// <summary>The <c>run</c> object of docs/api.md. Method, encoder, epochs and batch size are always sent (the
    /// request then records them); a shorthand or <c>--set</c> only when given, so the trainer's default
    /// holds.</summary>
    public RunSpec ToRunSpec(ParseResult parse, string? datasetId)
    {
        var hyperParameters = ParseSet(parse.GetValue(Set) ?? []).ToDictionary(kv => kv.Key, kv => Json(kv.Value));
        foreach (var (option, key, value) in shorthands)
            if (parse.GetResult(option) is { Implicit: false }) hyperParameters[key] = value(parse);
        var minutes = MinutesOrEpochs(parse);
        var epochsGiven = parse.GetResult(Epochs) is { Implicit: false };
        return new RunSpec
        {
            DatasetId = datasetId,
            Method = parse.GetValue(Method)!,
            Encoder = parse.GetValue(Encoder)!,
            Epochs = minutes is null || epochsGiven ? parse.GetValue(Epochs) : null,
            Minutes = minutes,
            BatchSize = parse.GetValue(BatchSize),
            HyperParameters = hyperParameters,
            WarmStartRunId = WarmStartRun is not null && parse.GetValue(WarmStartRun) is { } source
                ? Identifier.Require(source, "--warm-start-run") : null,
        };
    }

    /// <summary>The <c>--minutes</c> budget, when given; it and <c>--epochs</c> are two ways to size one run.</summary>
    public double? MinutesOrEpochs(ParseResult parse)
    {
        var minutes = parse.GetValue(Minutes);
        if (minutes is not null && parse.GetResult(Epochs) is { Implicit: false })
            throw new ArgumentException("--minutes and --epochs: give one of them, not both.");
        return minutes;
    }

    /// <summary>Parses <c>key=value</c> pairs; the values are checked against the method's hyper-parameters
    /// later.</summary>
    public static Dictionary<string, string> ParseSet(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new ArgumentException($"--set '{pair}': expected key=value, e.g. --set projector-dim=512.");
            result[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return result;
    }

    Option<T> Shorthand<T>(Option<T> option, string key)
    {
        shorthands.Add((option, key, parse => parse.GetValue(option) switch
        {
            Enum e => JsonSerializer.SerializeToElement(e.ToString()),
            var v => JsonSerializer.SerializeToElement(v),
        }));
        return option;
    }

    /// <summary>A number stays a number; anything else is a string.</summary>
    static JsonElement Json(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonSerializer.SerializeToElement(number)
            : JsonSerializer.SerializeToElement(value);
}
