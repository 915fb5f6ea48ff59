using Ssl.Cloud.Core.Submission;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary><c>schedules/{name}.json</c>: when to train, and what.
/// <code>{ "schemaVersion": 1, "cron": "0 3 * * *", "timeZone": "Europe/Berlin",
///   "run": { "datasetId": "pets", "method": "simsiam", "encoder": "resnet18", "epochs": 100,
///            "batchSize": 256 } }</code>
/// Due times before the blob was last written are not submitted: a new or edited schedule starts from now.</summary>
public sealed record ScheduleDefinition
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Five-field cron (minute hour day-of-month month day-of-week), as Cronos reads it.</summary>
    public required string Cron { get; init; }

    /// <summary>IANA or Windows time-zone id the cron is read in; UTC when absent.</summary>
    public string? TimeZone { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Each run starts from the latest Succeeded run of this schedule (backbone and heads from its final
    /// checkpoint, a fresh optimiser); the first run, with none before it, starts from scratch.</summary>
    public bool WarmStart { get; init; }

    /// <summary>The run to submit at each due time; its <see cref="RunSubmission.RunId"/> must be absent (the
    /// schedule derives it from its name and the due time).</summary>
    public required RunSubmission Run { get; init; }
}
