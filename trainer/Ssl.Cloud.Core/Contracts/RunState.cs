using System.Text.Json.Serialization;

namespace Ssl.Cloud.Core.Contracts;

/// <summary>Where a run is. Allowed moves are in <see cref="RunTransitions"/>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<RunState>))]
public enum RunState
{
    Queued,
    Preparing,
    Training,
    Evaluating,
    Succeeded,
    Failed,
    Cancelled,
}
