using System.Globalization;
using System.Text.Json;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Validation;
using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Turns an accepted <see cref="TrainingRequest"/> into the <see cref="TrainingOptions"/> of <c>ssl train</c>.
/// <see cref="TrainingRequest.HyperParameters"/> holds two kinds of names: the run settings below (the
/// <c>ssl train</c> options, camelCase) and the method's own hyper-parameters (as <c>ssl methods</c> lists
/// them).</summary>
public static class RequestMapper
{
    public const string Seed = "seed";
    public const string Width = "width";
    public const string Stem = "stem";
    public const string LearningRate = "lr";
    public const string WeightDecay = "weightDecay";
    public const string WarmupEpochs = "warmupEpochs";
    public const string Blur = "blur";
    public const string GradientClip = "gradientClip";
    public const string Optimizer = "optimizer";
    public const string TrainLimit = "trainLimit";
    public const string CheckpointEvery = "checkpointEvery";
    public const string EvalEvery = "evalEvery";
    public const string CollapseThreshold = "collapseThreshold";
    public const string KnnK = "knnK";

    static readonly HashSet<string> RunSettings =
        [
            Seed, Width, Stem, LearningRate, WeightDecay, WarmupEpochs, Blur, GradientClip, Optimizer, TrainLimit,
            CheckpointEvery, EvalEvery, CollapseThreshold, KnnK
        ];

    public static TrainingRequestValidator Validator { get; } =
        new(MethodRegistry.Names.ToHashSet(StringComparer.Ordinal),
            EncoderOptions.Architectures.ToHashSet(StringComparer.Ordinal));

    /// <summary>The options of the run, checked as <c>ssl train</c> checks them.</summary>
    /// <param name="request">The request.</param>
    /// <param name="datasetSpec">What <see cref="Ssl.Training.Data.DatasetCatalog.Open"/> opens (see
    /// <see cref="DatasetResolver"/>).</param>
    /// <exception cref="RequestRejectedException">A field is invalid; the message lists every problem.</exception>
    public static TrainingOptions Map(TrainingRequest request, string datasetSpec)
    {
        var validation = Validator.Validate(request);
        if (!validation.IsValid)
            throw Rejected($"run '{request.RunId}' is invalid: "
                + string.Join("; ", validation.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var values = request.HyperParameters;
        try
        {
            var options = new TrainingOptions
            {
                Method = request.Method,
                Dataset = datasetSpec,
                Epochs = request.Epochs,
                Minutes = request.Minutes,
                BatchSize = request.BatchSize,
                Encoder = new EncoderOptions
                {
                    Architecture = request.Encoder,
                    Width = Int(values, Width) ?? new EncoderOptions().Width,
                    Stem = Enum<ResNetStem>(values, Stem) ?? ResNetStem.Cifar,
                },
                Seed = Int(values, Seed) ?? 0,
                LearningRate = Number(values, LearningRate),
                WeightDecay = Number(values, WeightDecay),
                WarmupEpochs = Number(values, WarmupEpochs),
                Blur = Bool(values, Blur),
                GradientClip = Number(values, GradientClip),
                Optimizer = Enum<OptimizerKind>(values, Optimizer),
                TrainLimit = Int(values, TrainLimit),
                CheckpointEvery = Int(values, CheckpointEvery) ?? new TrainingOptions().CheckpointEvery,
                EvalEvery = Int(values, EvalEvery) ?? new TrainingOptions().EvalEvery,
                CollapseThreshold = Number(values, CollapseThreshold) ?? new TrainingOptions().CollapseThreshold,
                KnnK = Int(values, KnnK) ?? new TrainingOptions().KnnK,
                Device = "auto",
                WarmStartRunId = request.WarmStartRunId,
                Set = values.Where(kv => !RunSettings.Contains(kv.Key))
                    .ToDictionary(kv => kv.Key, kv => Text(kv.Value)),
            };
            options.Validate();
            var definition = MethodRegistry.Get(options.Method);
            HyperParameters.Resolve(definition.Name, definition.HyperParameters, options.Set);
            return options;
        }
        catch (ArgumentException e)
        {
            throw Rejected($"run '{request.RunId}' is invalid: {e.Message}", e);
        }
    }

    static RequestRejectedException Rejected(string message, Exception? inner = null) =>
        new(RequestRejectedException.InvalidRequest, message, inner);

    static double? Number(IReadOnlyDictionary<string, JsonElement> values, string name) =>
        !values.TryGetValue(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : throw new ArgumentException(
            $"hyperParameters.{name} must be a number, not {v.ValueKind.ToString().ToLowerInvariant()}.");

    static bool? Bool(IReadOnlyDictionary<string, JsonElement> values, string name) =>
        !values.TryGetValue(name, out var v) ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw new ArgumentException($"hyperParameters.{name} must be true or false, got {v.GetRawText()}.");

    static int? Int(IReadOnlyDictionary<string, JsonElement> values, string name) =>
        !values.TryGetValue(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : throw new ArgumentException($"hyperParameters.{name} must be an integer, got {v.GetRawText()}.");

    static T? Enum<T>(IReadOnlyDictionary<string, JsonElement> values, string name) where T : struct, Enum =>
        !values.TryGetValue(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String
            && System.Enum.TryParse<T>(v.GetString(), ignoreCase: true, out var e) && System.Enum.IsDefined(e) ? e
        : throw new ArgumentException($"hyperParameters.{name} must be one of "
            + $"{string.Join(", ", System.Enum.GetNames<T>())}, got {v.GetRawText()}.");

    static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };
}
