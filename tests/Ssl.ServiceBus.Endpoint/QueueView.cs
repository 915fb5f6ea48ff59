using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint;

/// <summary>Test-only view of one queue and its dead-letter queue. Production code never sees the endpoint.</summary>
public sealed class QueueView
{
    readonly BrokerQueue queue;
    readonly BrokerQueue deadLetters;

    internal QueueView(BrokerQueue queue)
    {
        this.queue = queue;
        deadLetters = queue.DeadLetterQueue!;
    }

    public string Name => queue.Name;

    /// <summary>Messages waiting for a receiver (Service Bus: active message count).</summary>
    public int ActiveCount => queue.Count(MessageState.Available);

    /// <summary>Messages delivered in peek-lock mode and not yet settled or expired.</summary>
    public int LockedCount => queue.Count(MessageState.Locked);

    public int ScheduledCount => queue.Count(MessageState.Scheduled);

    public int DeferredCount => queue.Count(MessageState.Deferred);

    /// <summary>Messages in <c>&lt;queue&gt;/$DeadLetterQueue</c>, in any state.</summary>
    public int DeadLetterCount => deadLetters.Snapshot().Count;

    /// <summary>Sends that duplicate detection accepted and dropped.</summary>
    public long DroppedDuplicateCount => queue.DroppedDuplicateCount;

    /// <summary>Messages whose time to live ran out before they were received.</summary>
    public long ExpiredCount => queue.ExpiredCount;

    /// <summary>Everything the queue holds, in sequence-number order.</summary>
    public IReadOnlyList<MessageSnapshot> Messages() => queue.Snapshot();

    /// <summary>Everything the dead-letter queue holds, with the dead-letter reasons.</summary>
    public IReadOnlyList<MessageSnapshot> DeadLetters() => deadLetters.Snapshot();
}
