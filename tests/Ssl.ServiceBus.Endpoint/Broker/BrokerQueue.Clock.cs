namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>The transitions driven by the clock: lock expiry, due schedules and time to live.</summary>
internal sealed partial class BrokerQueue
{
    /// <summary>Applies the clock: expired locks come back (or dead-letter), due schedules become available,
    /// expired messages leave; then hands out what became available.</summary>
    public void Sweep()
    {
        var work = new QueueWork();
        lock (sync)
        {
            var now = Now;
            foreach (var message in locked.Values.Where(m => now >= m.LockedUntil).ToList())
            {
                ExpireLock(message, work);
            }

            if (scheduledCount > 0)
            {
                foreach (var message in messages.Values.Where(
                    m => m.State == MessageState.Scheduled && m.EnqueuedTime <= now).ToList())
                {
                    message.State = MessageState.Available;
                    available.Add(message.SequenceNumber);
                    scheduledCount--;
                }
            }

            foreach (var message in messages.Values.Where(m => m.State != MessageState.Locked && now >= m.ExpiresAt)
                .ToList())
            {
                Expire(message, work);
            }

            Pick(work);
        }

        work.Apply(DeadLetterQueue);
    }

    /// <summary>Enqueued time plus the shorter of the message's and the queue's TTL. Service Bus does not
    /// expire what is already in a dead-letter queue.</summary>
    DateTime ExpiryOf(StoredMessage message)
    {
        var ttl = message.Content.TimeToLive is { } own && own < Options.DefaultMessageTimeToLive
            ? own
            : Options.DefaultMessageTimeToLive;
        return DeadLetterQueue is null || ttl >= DateTime.MaxValue - message.EnqueuedTime
            ? DateTime.MaxValue
            : message.EnqueuedTime + ttl;
    }

    void Expire(StoredMessage message, QueueWork work)
    {
        Remove(message);
        ExpiredCount++;
        if (Options.DeadLetteringOnMessageExpiration)
        {
            work.DeadLetter(message,
                new(SettlementKind.DeadLetter, [], ServiceBusNames.TtlExpired,
                    "The message expired before it was received."));
        }
    }
}
