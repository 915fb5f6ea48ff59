using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ssl.Cloud.Core.Contracts;

/// <summary>An accepted training request: <c>runs/{runId}/request.json</c> (immutable) and the
/// body of its Service Bus message. Unknown members are refused: it is user input, and a
/// misspelt optional member would otherwise be dropped without a word.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TrainingRequest : IVersionedDocument
{
    public static int CurrentSchemaVersion => 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required string DatasetId { get; init; }

    /// <summary>An SSL method name known to the trainer's registry (<c>simsiam</c>, <c>byol</c>, ...).</summary>
    public required string Method { get; init; }

    /// <summary>Backbone name (<c>resnet18</c>, <c>resnet18-cifar</c>, <c>convnet</c>, ...).</summary>
    public required string Encoder { get; init; }

    /// <summary>Passes over the training set; superseded by <see cref="Minutes"/> when that is set.</summary>
    public required int Epochs { get; init; }

    /// <summary>A time budget for training, in minutes: the trainer measures its step time and plans the epochs so
    /// that the schedule ends at the budget. Null: <see cref="Epochs"/>.</summary>
    public double? Minutes { get; init; }

    public required int BatchSize { get; init; }

    /// <summary>Overrides of the method's defaults, by the method's own parameter names; any JSON value.</summary>
    public IReadOnlyDictionary<string, JsonElement> HyperParameters { get; init; } =
        new Dictionary<string, JsonElement>();

    /// <summary>Set when a schedule submitted the run; null for a run submitted by a person.</summary>
    public ScheduleOrigin? Schedule { get; init; }

    /// <summary>A finished run whose encoder weights initialise this one.</summary>
    public string? WarmStartRunId { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
