using System.Text.Json.Serialization;

namespace Ssl.Cloud.Core.Contracts;

/// <summary>How one delivery of a run to a worker ended.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AttemptOutcome>))]
public enum AttemptOutcome
{
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>The worker stopped on purpose (host shutdown) and gave the message back.</summary>
    Abandoned,

    /// <summary>The worker vanished (crash, preemption, lost lock); the next attempt found it open.</summary>
    Lost,
}
