namespace Ssl.ServiceBus.Endpoint;

/// <summary>Settings of one queue, named after the properties of a real Service Bus queue.</summary>
public sealed class QueueOptions(string name)
{
    /// <summary>The queue name, as in the connection's entity path. Case-insensitive, like Service Bus.</summary>
    public string Name { get; } = name;

    /// <summary>How long a peek-lock receive holds a message. Service Bus: default 1 minute, at most 5.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed deliveries (abandon or lock expiry) after which a message moves to the dead-letter queue
    /// with reason <c>MaxDeliveryCountExceeded</c>. Service Bus default 10.</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>When set, a message whose MessageId was accepted within this window is accepted again but dropped.
    /// Null (the Service Bus default) turns duplicate detection off.</summary>
    public TimeSpan? DuplicateDetectionWindow { get; set; }

    /// <summary>Time to live for messages that carry none, and the upper bound for those that do.</summary>
    public TimeSpan DefaultMessageTimeToLive { get; set; } = TimeSpan.MaxValue;

    /// <summary>Expired messages go to the dead-letter queue (reason <c>TTLExpiredException</c>) instead of
    /// vanishing.</summary>
    public bool DeadLetteringOnMessageExpiration { get; set; }

    /// <summary>Announced to senders as the link's max-message-size. Standard tier: 256 KB.</summary>
    public ulong MaxMessageSizeInBytes { get; set; } = 256 * 1024;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Contains('$') || Name.Contains('/'))
        {
            throw new ArgumentException($"'{Name}' is not a valid queue name.");
        }

        if (LockDuration <= TimeSpan.Zero || LockDuration > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(LockDuration), LockDuration,
                "Service Bus allows (0, 5 minutes].");
        }

        if (MaxDeliveryCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDeliveryCount), MaxDeliveryCount, "Must be at least 1.");
        }

        if (DefaultMessageTimeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultMessageTimeToLive), DefaultMessageTimeToLive,
                "Must be positive.");
        }
    }
}
