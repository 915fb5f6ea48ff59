namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>Remembers the MessageIds accepted within a sliding window, as Service Bus duplicate detection does.
/// Not thread-safe: used under the owning queue's lock.</summary>
internal sealed class DuplicateDetector(TimeSpan window)
{
    readonly Dictionary<string, (DateTime SeenAt, long SequenceNumber)> seen = new(StringComparer.Ordinal);
    readonly Queue<(string MessageId, DateTime SeenAt)> byAge = new();

    /// <summary>True when <paramref name="messageId"/> was accepted within the window; its sequence number
    /// is then the first copy's.</summary>
    public bool IsDuplicate(string messageId, DateTime now, out long sequenceNumber)
    {
        Forget(now);
        var found = seen.TryGetValue(messageId, out var entry);
        sequenceNumber = entry.SequenceNumber;
        return found;
    }

    public void Remember(string messageId, DateTime now, long sequenceNumber)
    {
        seen[messageId] = (now, sequenceNumber);
        byAge.Enqueue((messageId, now));
    }

    void Forget(DateTime now)
    {
        while (byAge.TryPeek(out var oldest) && now - oldest.SeenAt >= window)
        {
            byAge.Dequeue();
            if (seen.TryGetValue(oldest.MessageId, out var entry) && entry.SeenAt == oldest.SeenAt)
            {
                seen.Remove(oldest.MessageId);
            }
        }
    }
}
