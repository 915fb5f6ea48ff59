using Microsoft.Azure.Amqp;

namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>Where a message is in its life on the broker.</summary>
internal enum MessageState
{
    /// <summary>Waiting for a receiver. Service Bus calls this Active.</summary>
    Available,

    /// <summary>Delivered in peek-lock mode; waits for settlement until
    /// <see cref="StoredMessage.LockedUntil"/>.</summary>
    Locked,

    /// <summary>Enqueued for a future time; invisible to receivers until then.</summary>
    Scheduled,

    /// <summary>Set aside by the receiver (Modified with undeliverable-here).</summary>
    Deferred,
}

/// <summary>One message held by a <see cref="BrokerQueue"/>. Mutated only under that queue's lock.</summary>
internal sealed class StoredMessage(long sequenceNumber, MessageContent content, DateTime enqueuedTime)
{
    public long SequenceNumber { get; } = sequenceNumber;

    public MessageContent Content { get; set; } = content;

    /// <summary>When the message became visible; for a scheduled message, its scheduled time.</summary>
    public DateTime EnqueuedTime { get; set; } = enqueuedTime;

    public DateTime? ScheduledEnqueueTime { get; set; }

    public DateTime ExpiresAt { get; set; } = DateTime.MaxValue;

    public MessageState State { get; set; }

    public Guid LockToken { get; set; }

    public DateTime LockedUntil { get; set; }

    /// <summary>Failed deliveries so far: the AMQP header's delivery-count, to which the SDK adds one.</summary>
    public uint DeliveryCount { get; set; }

    /// <summary>The message as a receiver (or a peek) sees it, with the broker's annotations.</summary>
    public AmqpMessage ToAmqpMessage(bool forPeek)
    {
        // A peek reports attempts so far; a delivery reports earlier failures and the SDK adds this attempt.
        uint count = forPeek && State == MessageState.Locked ? DeliveryCount + 1 : DeliveryCount;
        var message = Content.ToAmqpMessage(count);
        var annotations = message.MessageAnnotations.Map;
        annotations[ServiceBusNames.SequenceNumber] = SequenceNumber;
        annotations[ServiceBusNames.EnqueuedTime] = EnqueuedTime;
        annotations[ServiceBusNames.MessageState] = State switch
        {
            MessageState.Deferred => 1,
            MessageState.Scheduled => 2,
            _ => 0,
        };
        if (State == MessageState.Locked)
        {
            annotations[ServiceBusNames.LockedUntil] = LockedUntil;
        }

        if (ScheduledEnqueueTime is { } scheduled)
        {
            annotations[ServiceBusNames.ScheduledEnqueueTime] = scheduled;
        }

        return message;
    }
}
