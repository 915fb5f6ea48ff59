using System.Collections.Frozen;

namespace Ssl.Cloud.Core.Contracts;

/// <summary>The run state machine: Queued -> Preparing -> Training -> Evaluating -> Succeeded,
/// with Failed and Cancelled reachable from every live state.</summary>
/// <remarks>Two moves back exist because a run outlives its workers: a running state may go
/// back to <see cref="RunState.Queued"/> when a stopping worker gives the message back, and to
/// <see cref="RunState.Preparing"/> when the next delivery begins a new attempt after a crash.
/// Terminal states have no way out.</remarks>
public static class RunTransitions
{
    static readonly FrozenDictionary<RunState, FrozenSet<RunState>> Allowed =
        new Dictionary<RunState, FrozenSet<RunState>>
        {
            [RunState.Queued] = Set(RunState.Preparing, RunState.Failed, RunState.Cancelled),
            [RunState.Preparing] = Set(
                RunState.Preparing, RunState.Training, RunState.Queued, RunState.Failed, RunState.Cancelled),
            [RunState.Training] = Set(
                RunState.Preparing, RunState.Evaluating, RunState.Queued, RunState.Failed, RunState.Cancelled),
            [RunState.Evaluating] = Set(
                RunState.Preparing, RunState.Succeeded, RunState.Queued, RunState.Failed, RunState.Cancelled),
            [RunState.Succeeded] = Set(),
            [RunState.Failed] = Set(),
            [RunState.Cancelled] = Set(),
        }.ToFrozenDictionary();

    public static bool IsAllowed(RunState from, RunState to) => Allowed[from].Contains(to);

    public static IReadOnlySet<RunState> From(RunState state) => Allowed[state];

    public static bool IsTerminal(RunState state) => Allowed[state].Count == 0;

    static FrozenSet<RunState> Set(params RunState[] states) => states.ToFrozenSet();
}
