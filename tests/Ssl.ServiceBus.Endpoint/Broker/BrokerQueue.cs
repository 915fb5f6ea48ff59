using Ssl.ServiceBus.Endpoint.Amqp;

namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>One entity: a queue or its dead-letter sub-queue. Holds the messages in sequence-number order,
/// hands them to consumers that have credit, and applies locks, schedules, expiry and duplicate detection.
/// All state is guarded by one lock; effects on links and on other queues run after it is released.</summary>
internal sealed partial class BrokerQueue
{
    readonly object sync = new();
    readonly SortedDictionary<long, StoredMessage> messages = [];
    readonly SortedSet<long> available = [];
    readonly Dictionary<Guid, StoredMessage> locked = [];
    readonly List<ConsumerLink> consumers = [];
    readonly DuplicateDetector? duplicates;
    readonly TimeProvider clock;
    long lastSequenceNumber;
    int nextConsumer;
    int scheduledCount;

    public BrokerQueue(QueueOptions options, TimeProvider clock, BrokerQueue? deadLetterQueue)
    {
        Options = options;
        this.clock = clock;
        DeadLetterQueue = deadLetterQueue;
        if (options.DuplicateDetectionWindow is { } window && window > TimeSpan.Zero)
        {
            duplicates = new DuplicateDetector(window);
        }
    }

    public string Name => Options.Name;

    public QueueOptions Options { get; }

    /// <summary>The dead-letter sub-queue; null for a dead-letter queue itself.</summary>
    public BrokerQueue? DeadLetterQueue { get; }

    public long DroppedDuplicateCount { get; private set; }

    public long ExpiredCount { get; private set; }

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Accepts sent messages (a batch arrives as one call). Duplicates within the window and messages
    /// scheduled for later are accepted too; the former are dropped, the latter wait.</summary>
    public IReadOnlyList<long> Enqueue(IReadOnlyList<MessageContent> contents)
    {
        var work = new QueueWork();
        List<long> sequenceNumbers;
        lock (sync)
        {
            sequenceNumbers = contents.Select(Accept).ToList();
            Pick(work);
        }

        work.Apply(DeadLetterQueue);
        return sequenceNumbers;
    }

    /// <summary>Takes messages that another queue dead-lettered; they keep sequence number and history.</summary>
    public void AcceptDeadLetters(IEnumerable<(StoredMessage Message, Settlement Reason)> deadLetters)
    {
        var work = new QueueWork();
        lock (sync)
        {
            foreach (var (source, reason) in deadLetters)
            {
                var changes = reason.PropertiesToModify.ToList();
                if (reason.DeadLetterReason is { } text)
                {
                    changes.Add(new(ServiceBusNames.DeadLetterReason, text));
                }

                if (reason.DeadLetterDescription is { } description)
                {
                    changes.Add(new(ServiceBusNames.DeadLetterErrorDescription, description));
                }

                var message = new StoredMessage(source.SequenceNumber,
                    source.Content.WithApplicationProperties(changes), source.EnqueuedTime)
                {
                    DeliveryCount = source.DeliveryCount,
                    ScheduledEnqueueTime = source.ScheduledEnqueueTime,
                };
                messages[message.SequenceNumber] = message;
                available.Add(message.SequenceNumber);
            }

            Pick(work);
        }

        work.Apply(DeadLetterQueue);
    }

    public void AddConsumer(ConsumerLink consumer)
    {
        lock (sync)
        {
            consumers.Add(consumer);
        }
    }

    public void RemoveConsumer(ConsumerLink consumer)
    {
        // Messages it holds stay locked until their lock expires, as on Service Bus.
        lock (sync)
        {
            consumers.Remove(consumer);
        }
    }

    /// <summary>A flow from the consumer: more credit, or a drain request that must use up or give back
    /// all credit before this returns (the AMQP stack answers the drain right after).</summary>
    public void OnCredit(ConsumerLink consumer, uint credit, bool drain)
    {
        var work = new QueueWork();
        lock (sync)
        {
            consumer.Credit = (int)Math.Min(int.MaxValue, consumer.Credit + (long)credit);
            Pick(work, consumer);
            if (drain)
            {
                consumer.Credit = 0;
            }
        }

        work.Apply(DeadLetterQueue);
    }

    long Accept(MessageContent content)
    {
        var now = Now;
        var messageId = content.MessageId;
        if (duplicates is not null && messageId is not null && duplicates.IsDuplicate(messageId, now, out var original))
        {
            DroppedDuplicateCount++;
            return original;
        }

        var message = new StoredMessage(++lastSequenceNumber, content, now);
        if (content.ScheduledEnqueueTime is { } at && at.ToUniversalTime() > now)
        {
            message.State = MessageState.Scheduled;
            message.ScheduledEnqueueTime = message.EnqueuedTime = at.ToUniversalTime();
            scheduledCount++;
        }
        else
        {
            available.Add(message.SequenceNumber);
        }

        message.ExpiresAt = ExpiryOf(message);
        messages.Add(message.SequenceNumber, message);
        if (messageId is not null)
        {
            duplicates?.Remember(messageId, now, message.SequenceNumber);
        }

        return message.SequenceNumber;
    }

    /// <summary>Hands available messages to consumers with credit, round-robin; only to <paramref name="only"/> if
    /// given.</summary>
    void Pick(QueueWork work, ConsumerLink? only = null)
    {
        var candidates = only is null ? consumers : [only];
        foreach (var consumer in candidates)
        {
            consumer.Credit = Math.Min(consumer.Credit, consumer.LinkCredit);
        }

        var now = Now;
        bool progress = true;
        while (progress && available.Count > 0)
        {
            progress = false;
            for (int i = 0; i < candidates.Count && available.Count > 0; i++)
            {
                var consumer = candidates[(nextConsumer + i) % candidates.Count];
                if (consumer.Credit <= 0 || !consumer.IsOpen || TakeNextAvailable(now, work) is not { } message)
                {
                    continue;
                }

                Deliver(consumer, message, now, work);
                progress = true;
            }

            nextConsumer++;
        }
    }

    StoredMessage? TakeNextAvailable(DateTime now, QueueWork work)
    {
        while (available.Count > 0)
        {
            var message = messages[available.Min];
            if (now < message.ExpiresAt)
            {
                return message;
            }

            Expire(message, work);
        }

        return null;
    }

    void Deliver(ConsumerLink consumer, StoredMessage message, DateTime now, QueueWork work)
    {
        consumer.Credit--;
        available.Remove(message.SequenceNumber);
        if (consumer.SettlesOnSend)
        {
            // Receive-and-delete: the message is gone once sent.
            messages.Remove(message.SequenceNumber);
            work.Deliver(consumer, message.ToAmqpMessage(forPeek: false), Guid.NewGuid());
            return;
        }

        message.State = MessageState.Locked;
        message.LockToken = Guid.NewGuid();
        message.LockedUntil = now + Options.LockDuration;
        locked.Add(message.LockToken, message);
        work.Deliver(consumer, message.ToAmqpMessage(forPeek: false), message.LockToken);
    }

    void Remove(StoredMessage message)
    {
        messages.Remove(message.SequenceNumber);
        available.Remove(message.SequenceNumber);
        if (message.State == MessageState.Locked)
        {
            locked.Remove(message.LockToken);
        }
        else if (message.State == MessageState.Scheduled)
        {
            scheduledCount--;
        }
    }
}
