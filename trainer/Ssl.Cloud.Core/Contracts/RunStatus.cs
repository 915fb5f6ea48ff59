using System.Text.Json.Serialization;

namespace Ssl.Cloud.Core.Contracts;

/// <summary><c>runs/{runId}/status.json</c>: state, progress, attempt history. Immutable; every
/// change returns a new status, so a store can apply it under an ETag and re-apply on conflict.</summary>
public sealed record RunStatus : IVersionedDocument
{
    public static int CurrentSchemaVersion => 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required RunState State { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public RunProgress? Progress { get; init; }
    public IReadOnlyList<RunAttempt> Attempts { get; init; } = [];
    public string? FailureReason { get; init; }

    /// <summary>Set by a cancel request; the worker honours it at the next step boundary.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>The run whose final checkpoint this one started from (a copy of the request's, for readers of the
    /// status).</summary>
    public string? WarmStartRunId { get; init; }

    [JsonIgnore] public bool IsTerminal => RunTransitions.IsTerminal(State);

    [JsonIgnore] public RunAttempt? OpenAttempt =>
        Attempts.Count > 0 && Attempts[^1].EndedAt is null ? Attempts[^1] : null;

    public static RunStatus Queued(string runId, DateTimeOffset at) =>
        new() { RunId = runId, State = RunState.Queued, UpdatedAt = at };

    /// <summary>Moves to <paramref name="next"/>; throws <see cref="InvalidRunTransitionException"/> for a move the
    /// table forbids.</summary>
    public RunStatus MoveTo(RunState next, DateTimeOffset at) =>
        RunTransitions.IsAllowed(State, next)
            ? this with { State = next, UpdatedAt = at }
            : throw new InvalidRunTransitionException(RunId, State, next);

    /// <summary>A worker took the run: a new attempt, state Preparing. An attempt still open is one
    /// whose worker vanished; it is closed as <see cref="AttemptOutcome.Lost"/>.</summary>
    public RunStatus BeginAttempt(string workerId, DateTimeOffset at)
    {
        var moved = MoveTo(RunState.Preparing, at);
        var attempts =
            CloseOpenAttempt(AttemptOutcome.Lost, at, "no report from the worker; the message came back").Attempts;
        return moved with
        {
            Attempts =
                [.. attempts, new RunAttempt { Number = attempts.Count + 1, WorkerId = workerId, StartedAt = at }],
            Progress = null,
        };
    }

    public RunStatus WithProgress(RunProgress progress) =>
        this with { Progress = progress, UpdatedAt = progress.Heartbeat };

    /// <summary>Finished: the progress says so (step = total), not whatever the last heartbeat before the end
    /// said.</summary>
    public RunStatus Succeed(DateTimeOffset at) =>
        MoveTo(RunState.Succeeded, at) with
        {
            Attempts = CloseOpenAttempt(AttemptOutcome.Succeeded, at, null).Attempts,
            Progress = Progress is { } p ? p with { Step = p.TotalSteps, Heartbeat = at, Eta = TimeSpan.Zero } : null,
        };

    public RunStatus Fail(string reason, DateTimeOffset at) =>
        MoveTo(RunState.Failed, at) with
        {
            FailureReason = reason, Attempts = CloseOpenAttempt(AttemptOutcome.Failed, at, reason).Attempts
        };

    public RunStatus Cancel(DateTimeOffset at) =>
        MoveTo(RunState.Cancelled, at) with
        {
            Attempts = CloseOpenAttempt(AttemptOutcome.Cancelled, at, null).Attempts
        };

    /// <summary>The worker gives the run back (host stopping): state Queued, attempt Abandoned.</summary>
    public RunStatus Requeue(string detail, DateTimeOffset at) =>
        MoveTo(RunState.Queued, at) with { Attempts = CloseOpenAttempt(AttemptOutcome.Abandoned, at, detail).Attempts };

    /// <summary>A queued run is cancelled at once; a live one gets the flag; a finished one is left as it is.</summary>
    public RunStatus RequestCancel(DateTimeOffset at) => State switch
    {
        RunState.Queued => Cancel(at) with { CancelRequested = true },
        _ when IsTerminal || CancelRequested => this,
        _ => this with { CancelRequested = true, UpdatedAt = at },
    };

    RunStatus CloseOpenAttempt(AttemptOutcome outcome, DateTimeOffset at, string? detail) =>
        OpenAttempt is { } open
            ? this with
            {
                Attempts = [.. Attempts.SkipLast(1), open with { EndedAt = at, Outcome = outcome, Detail = detail }]
            }
            : this;
}
