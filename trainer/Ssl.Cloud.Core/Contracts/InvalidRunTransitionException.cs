namespace Ssl.Cloud.Core.Contracts;

/// <summary>A move that <see cref="RunTransitions"/> does not allow, such as Succeeded -> Training.</summary>
public sealed class InvalidRunTransitionException(string runId, RunState from, RunState to)
    : InvalidOperationException($"Run '{runId}' cannot move from {from} to {to}; allowed from {from}: " +
        (RunTransitions.From(from).Count == 0
            ? "nothing (terminal)"
            : string.Join(", ", RunTransitions.From(from).Order())))
{
    public string RunId { get; } = runId;
    public RunState From { get; } = from;
    public RunState To { get; } = to;
}
