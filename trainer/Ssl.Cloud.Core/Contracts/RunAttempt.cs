namespace Ssl.Cloud.Core.Contracts;

/// <summary>One delivery of a run to a worker. Open while <see cref="EndedAt"/> is null.</summary>
public sealed record RunAttempt
{
    public required int Number { get; init; }
    public required string WorkerId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public AttemptOutcome? Outcome { get; init; }

    /// <summary>Why it ended that way, for people (an exception message, "host stopping").</summary>
    public string? Detail { get; init; }
}
