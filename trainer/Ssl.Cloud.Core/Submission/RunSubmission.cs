using System.Text.Json;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Core.Submission;

/// <summary>The run options of docs/api.md: the body of <c>POST /api/runs</c>, a dataset's <c>train</c> spec and the
/// run template of a schedule. Every member is optional
/// here so that one answer can list every missing and invalid field; <see cref="ToRequest"/> says which
/// required ones are missing. <see cref="RunId"/> makes a submit idempotent: the same body with the same
/// run id twice is one run and one message; without it, each submit is a new run. Absent epochs and batch size
/// take the trainer's defaults (<see cref="TrainerCatalog"/>).</summary>
public sealed record RunSubmission
{
    public string? RunId { get; init; }
    public string? DatasetId { get; init; }
    public string? Method { get; init; }
    public string? Encoder { get; init; }
    public int? Epochs { get; init; }

    /// <summary>A time budget instead of <see cref="Epochs"/> (<see cref="TrainingRequest.Minutes"/>).</summary>
    public double? Minutes { get; init; }
    public int? BatchSize { get; init; }
    public Dictionary<string, JsonElement>? HyperParameters { get; init; }
    public string? WarmStartRunId { get; init; }

    /// <summary>The request to validate, and the required fields that are missing (reported as such, not as
    /// whatever the validator says of the placeholder standing in for them).</summary>
    public (TrainingRequest Request, IReadOnlyList<FieldError> Missing) ToRequest(
        string runId, DateTimeOffset requestedAt, ScheduleOrigin? schedule = null)
    {
        var missing = new List<FieldError>();
        string Text(string? value, string field)
        {
            if (value is not null) return value;
            missing.Add(new FieldError(field, "is required"));
            return "";
        }
    
        if (Minutes is not null && Epochs is not null)
            missing.Add(new FieldError("minutes", "give minutes or epochs, not both"));
        var request = new TrainingRequest
        {
            RunId = runId,
            DatasetId = Text(DatasetId, "datasetId"),
            Method = Text(Method, "method"),
            Encoder = Text(Encoder, "encoder"),
            Epochs = Epochs ?? TrainerCatalog.DefaultEpochs,
            Minutes = Minutes,
            BatchSize = BatchSize ?? TrainerCatalog.DefaultBatchSize,
            HyperParameters = HyperParameters ?? new Dictionary<string, JsonElement>(),
            WarmStartRunId = WarmStartRunId,
            Schedule = schedule,
            RequestedAt = requestedAt,
        };
        return (request, missing);
    }
}
