using System.Text.Json;
using System.Text.RegularExpressions;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Validation;

/// <summary>Checks a request field by field and reports every problem, not only the first.
/// Core does not know the methods or encoders; the caller passes the names its registry has.</summary>
public sealed partial class TrainingRequestValidator(
    IReadOnlySet<string> knownMethods, IReadOnlySet<string>? knownEncoders = null)
{
    public const int MaxEpochs = 100_000;
    public const int MaxBatchSize = 65_536;

    /// <summary>Largest time budget: a week.</summary>
    public const double MaxMinutes = 7 * 24 * 60;
    public const int MaxHyperParameters = 64;

    public ValidationResult Validate(TrainingRequest request)
    {
        var errors = new List<FieldError>();
        void Check(bool ok, string field, string message)
        {
            if (!ok) errors.Add(new FieldError(field, message));
        }

        Check(Identifier.IsValid(request.RunId), "runId", $"must be {Identifier.Rule}");
        Check(Identifier.IsValid(request.DatasetId), "datasetId", $"must be {Identifier.Rule}");
        Check(knownMethods.Contains(request.Method ?? ""), "method",
            $"'{request.Method}' is not a known method; known: "
            + $"{string.Join(", ", knownMethods.Order(StringComparer.Ordinal))}");
        if (knownEncoders is null)
            Check(Identifier.IsValid(request.Encoder), "encoder", $"must be {Identifier.Rule}");
        else
            Check(knownEncoders.Contains(request.Encoder ?? ""), "encoder",
                $"'{request.Encoder}' is not a known encoder; known: "
                + $"{string.Join(", ", knownEncoders.Order(StringComparer.Ordinal))}");
        Check(request.Epochs is > 0 and <= MaxEpochs, "epochs", $"must be between 1 and {MaxEpochs}");
        if (request.Minutes is { } minutes)
            Check(minutes is > 0 and <= MaxMinutes, "minutes", $"must be > 0 and at most {MaxMinutes} (a week)");
        Check(request.BatchSize is > 0 and <= MaxBatchSize, "batchSize", $"must be between 1 and {MaxBatchSize}");
        if (request.WarmStartRunId is { } warm)
        {
            Check(Identifier.IsValid(warm), "warmStartRunId", $"must be {Identifier.Rule}");
            Check(warm != request.RunId, "warmStartRunId", "must name another run, not this one");
        }
        if (request.Schedule is { } schedule)
            Check(Identifier.IsValid(schedule.Schedule), "schedule.schedule", $"must be {Identifier.Rule}");
        ValidateHyperParameters(request.HyperParameters ?? new Dictionary<string, JsonElement>(), Check);
        return new ValidationResult(errors);
    }

    static void ValidateHyperParameters(
        IReadOnlyDictionary<string, JsonElement> values, Action<bool, string, string> check)
    {
        check(values.Count <= MaxHyperParameters, "hyperParameters", $"at most {MaxHyperParameters} entries");
        foreach (var (name, value) in values)
        {
            var field = $"hyperParameters.{name}";
            check(HyperParameterName().IsMatch(name), field,
                "name must start with a letter and use letters, digits, '_', '.', '-' (at most 64)");
            check(value.ValueKind is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True
                    or JsonValueKind.False or JsonValueKind.Array,
                field,
                $"must be a number, string, boolean or array, not {value.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HyperParameterName();
}
