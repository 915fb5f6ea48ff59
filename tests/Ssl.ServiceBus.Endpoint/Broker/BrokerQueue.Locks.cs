using Microsoft.Azure.Amqp;

namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>Settlement, lock renewal and the read-only views of a queue.</summary>
internal sealed partial class BrokerQueue
{
    /// <summary>Settles a locked message. False when the lock is unknown or has expired (lock lost).</summary>
    public bool Settle(Guid lockToken, Settlement settlement)
    {
        var work = new QueueWork();
        bool settled;
        lock (sync)
        {
            settled = TryHoldLock(lockToken, work, out var message);
            if (settled)
            {
                Settle(message!, settlement, work);
            }

            Pick(work);
        }

        work.Apply(DeadLetterQueue);
        return settled;
    }

    /// <summary>Extends a held lock by the lock duration from now; null when the lock is lost.</summary>
    public DateTime? RenewLock(Guid lockToken)
    {
        var work = new QueueWork();
        DateTime? lockedUntil = null;
        lock (sync)
        {
            if (TryHoldLock(lockToken, work, out var message))
            {
                lockedUntil = message!.LockedUntil = Now + Options.LockDuration;
            }

            Pick(work);
        }

        work.Apply(DeadLetterQueue);
        return lockedUntil;
    }

    /// <summary>Messages from <paramref name="fromSequenceNumber"/> on, in any state, as peek shows them.</summary>
    public IReadOnlyList<AmqpMessage> Peek(long fromSequenceNumber, int count)
    {
        lock (sync)
        {
            var now = Now;
            return messages.Values
                .Where(m => m.SequenceNumber >= fromSequenceNumber
                    && (m.State == MessageState.Locked || now < m.ExpiresAt))
                .Take(count)
                .Select(m => m.ToAmqpMessage(forPeek: true))
                .ToList();
        }
    }

    /// <summary>Removes scheduled messages that have not become available yet.</summary>
    public void CancelScheduled(IEnumerable<long> sequenceNumbers)
    {
        lock (sync)
        {
            foreach (var sequenceNumber in sequenceNumbers)
            {
                if (messages.TryGetValue(sequenceNumber, out var message) && message.State == MessageState.Scheduled)
                {
                    Remove(message);
                }
            }
        }
    }

    public int Count(MessageState state)
    {
        lock (sync)
        {
            return state switch
            {
                MessageState.Available => available.Count,
                MessageState.Locked => locked.Count,
                MessageState.Scheduled => scheduledCount,
                _ => messages.Values.Count(m => m.State == state),
            };
        }
    }

    public IReadOnlyList<MessageSnapshot> Snapshot()
    {
        lock (sync)
        {
            return messages.Values.Select(m => new MessageSnapshot(
                m.SequenceNumber,
                m.Content.MessageId,
                m.State == MessageState.Available ? "Active" : m.State.ToString(),
                (int)m.DeliveryCount,
                new DateTimeOffset(m.EnqueuedTime, TimeSpan.Zero),
                m.Content.ApplicationProperty(ServiceBusNames.DeadLetterReason) as string,
                m.Content.ApplicationProperty(ServiceBusNames.DeadLetterErrorDescription) as string)).ToList();
        }
    }

    bool TryHoldLock(Guid lockToken, QueueWork work, out StoredMessage? message)
    {
        if (!locked.TryGetValue(lockToken, out message))
        {
            return false;
        }

        if (Now >= message.LockedUntil)
        {
            ExpireLock(message, work);
            message = null;
            return false;
        }

        return true;
    }

    void Settle(StoredMessage message, Settlement settlement, QueueWork work)
    {
        switch (settlement.Kind)
        {
            case SettlementKind.Complete:
                Remove(message);
                break;
            case SettlementKind.DeadLetter:
                Remove(message);
                work.DeadLetter(message, settlement);
                break;
            case SettlementKind.Defer:
                Unlock(message);
                message.Content = message.Content.WithApplicationProperties(settlement.PropertiesToModify);
                message.State = MessageState.Deferred;
                break;
            case SettlementKind.Release:
                Unlock(message);
                MakeAvailable(message);
                break;
            case SettlementKind.Abandon:
                message.Content = message.Content.WithApplicationProperties(settlement.PropertiesToModify);
                FailDelivery(message, work);
                break;
        }
    }

    /// <summary>The lock ran out: like an abandon, the delivery failed and counts.</summary>
    void ExpireLock(StoredMessage message, QueueWork work) => FailDelivery(message, work);

    void FailDelivery(StoredMessage message, QueueWork work)
    {
        Unlock(message);
        message.DeliveryCount++;
        if (DeadLetterQueue is not null && message.DeliveryCount >= Options.MaxDeliveryCount)
        {
            Remove(message);
            work.DeadLetter(message, new(
                SettlementKind.DeadLetter,
                [],
                ServiceBusNames.MaxDeliveryCountExceeded,
                $"Message could not be consumed after {message.DeliveryCount} delivery attempts."));
            return;
        }

        MakeAvailable(message);
    }

    void Unlock(StoredMessage message)
    {
        locked.Remove(message.LockToken);
        message.LockToken = Guid.Empty;
        message.State = MessageState.Available;
    }

    void MakeAvailable(StoredMessage message)
    {
        message.State = MessageState.Available;
        available.Add(message.SequenceNumber);
    }
}
