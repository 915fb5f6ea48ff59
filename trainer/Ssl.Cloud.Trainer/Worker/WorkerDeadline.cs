using Microsoft.Extensions.Options;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>When the worker stops itself: <see cref="WorkerOptions.Deadline"/> after its start. The deadline has a
/// clock of its own (the host's <see cref="TimeProvider"/> unless a test gives it another), so that a test can move
/// the deadline's time on while the blob lease, the message lock and the heartbeat keep the real time that storage
/// and Service Bus keep.</summary>
public sealed class WorkerDeadline(IOptions<WorkerOptions> options, TimeProvider time)
{
    /// <summary>A source that the clock cancels <see cref="WorkerOptions.Deadline"/> from now, the worker's start;
    /// without a deadline, one that nothing cancels.</summary>
    public CancellationTokenSource Start() => options.Value.Deadline is { } deadline
        ? new CancellationTokenSource(deadline, time)
        : new CancellationTokenSource();
}
