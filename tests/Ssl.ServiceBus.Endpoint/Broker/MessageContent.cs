using System.Collections;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>What a sender put in a message, copied out of the receive buffers so it outlives them.
/// Immutable: a change (dead-letter reason, properties to modify) makes a new instance.
/// Every delivery builds a fresh <see cref="AmqpMessage"/> from it, because a decoded message
/// re-sends its original bytes and ignores edits to its header or annotations.</summary>
internal sealed class MessageContent
{
    bool? durable;
    byte? priority;
    uint? ttl;
    Properties? properties;
    List<KeyValuePair<MapKey, object>> annotations = [];
    List<KeyValuePair<string, object>> applicationProperties = [];
    byte[][]? dataBody;
    object? valueBody;
    List<IList>? sequenceBody;

    MessageContent()
    {
    }

    public string? MessageId => properties?.MessageId?.ToString();

    /// <summary>The header's TTL, if the sender set one.</summary>
    public TimeSpan? TimeToLive => ttl is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    public DateTime? ScheduledEnqueueTime =>
        annotations.FirstOrDefault(a => IsKey(a.Key, ServiceBusNames.ScheduledEnqueueTime)).Value is DateTime at
            ? at
            : null;

    public object? ApplicationProperty(string name) =>
        applicationProperties.FirstOrDefault(p => p.Key == name).Value;

    public static MessageContent From(AmqpMessage message)
    {
        var content = new MessageContent();
        if ((message.Sections & SectionFlag.Header) != 0)
        {
            (content.durable, content.priority, content.ttl) = (message.Header.Durable, message.Header.Priority,
                message.Header.Ttl);
        }

        if ((message.Sections & SectionFlag.Properties) != 0)
        {
            content.properties = CopyProperties(message.Properties);
        }

        // Service Bus gives a message sent without a MessageId one of its own. The JavaScript SDK sends none
        // unless the application sets it, and cannot settle a received message that has none.
        content.properties ??= new Properties();
        content.properties.MessageId ??= Guid.NewGuid().ToString("N");

        if ((message.Sections & SectionFlag.MessageAnnotations) != 0)
        {
            content.annotations = message.MessageAnnotations.Map
                .Where(a => !IsBrokerOwned(a.Key))
                .Select(a => new KeyValuePair<MapKey, object>(a.Key, Detach(a.Value)))
                .ToList();
        }

        if ((message.Sections & SectionFlag.ApplicationProperties) != 0)
        {
            content.applicationProperties = message.ApplicationProperties.Map
                .Select(p => new KeyValuePair<string, object>(p.Key.Key.ToString()!, Detach(p.Value)))
                .ToList();
        }

        switch (message.BodyType)
        {
            case SectionFlag.Data:
                content.dataBody = message.DataBody.Select(d => ((ArraySegment<byte>)d.Value).ToArray()).ToArray();
                break;
            case SectionFlag.AmqpValue:
                content.valueBody = Detach(message.ValueBody.Value);
                break;
            case SectionFlag.AmqpSequence:
                content.sequenceBody = message.SequenceBody.Select(
                    s => (IList)s.List.Cast<object>().Select(Detach).ToList()).ToList();
                break;
        }

        return content;
    }

    /// <summary>A copy whose application properties are updated (added or overwritten) with
    /// <paramref name="changes"/>.</summary>
    public MessageContent WithApplicationProperties(IEnumerable<KeyValuePair<string, object>> changes)
    {
        var copy = (MessageContent)MemberwiseClone();
        copy.applicationProperties = [.. applicationProperties];
        foreach (var (key, value) in changes)
        {
            copy.applicationProperties.RemoveAll(p => p.Key == key);
            copy.applicationProperties.Add(new(key, Detach(value)));
        }

        return copy;
    }

    /// <summary>A fresh message with the sender's sections; the caller adds the broker's annotations.</summary>
    public AmqpMessage ToAmqpMessage(uint deliveryCount)
    {
        AmqpMessage message = dataBody is not null
            ? AmqpMessage.Create(dataBody.Select(b => new Data { Value = new ArraySegment<byte>(b) }))
            : sequenceBody is not null ? AmqpMessage.Create(sequenceBody.Select(l => new AmqpSequence(l)))
            : valueBody is not null ? AmqpMessage.Create(new AmqpValue { Value = valueBody })
            : AmqpMessage.Create();

        message.Header.Durable = durable;
        message.Header.Priority = priority;
        message.Header.Ttl = ttl;
        message.Header.DeliveryCount = deliveryCount;
        if (properties is not null)
        {
            var target = message.Properties;
            var source = properties;
            (target.MessageId, target.UserId, target.To, target.Subject) = (source.MessageId, source.UserId, source.To,
                source.Subject);
            (target.ReplyTo, target.CorrelationId, target.ContentType) = (source.ReplyTo, source.CorrelationId,
                source.ContentType);
            (target.ContentEncoding, target.AbsoluteExpiryTime, target.CreationTime) = (source.ContentEncoding,
                source.AbsoluteExpiryTime, source.CreationTime);
            (target.GroupId, target.GroupSequence, target.ReplyToGroupId) = (source.GroupId, source.GroupSequence,
                source.ReplyToGroupId);
        }

        AmqpMap messageAnnotations = message.MessageAnnotations.Map;
        foreach (var (key, value) in annotations)
        {
            messageAnnotations[key] = value;
        }

        foreach (var (key, value) in applicationProperties)
        {
            message.ApplicationProperties.Map[key] = value;
        }

        return message;
    }

    static Properties CopyProperties(Properties source) => new()
    {
        MessageId = source.MessageId,
        UserId = source.UserId.Array is null ? default : new ArraySegment<byte>(source.UserId.ToArray()),
        To = source.To,
        Subject = source.Subject,
        ReplyTo = source.ReplyTo,
        CorrelationId = source.CorrelationId,
        ContentType = source.ContentType,
        ContentEncoding = source.ContentEncoding,
        AbsoluteExpiryTime = source.AbsoluteExpiryTime,
        CreationTime = source.CreationTime,
        GroupId = source.GroupId,
        GroupSequence = source.GroupSequence,
        ReplyToGroupId = source.ReplyToGroupId,
    };

    // Binary values may point into pooled receive buffers; everything else decodes to immutable values.
    static object Detach(object value) => value is ArraySegment<byte> binary
        ? new ArraySegment<byte>(binary.ToArray())
        : value;

    static bool IsBrokerOwned(MapKey key) =>
        IsKey(key, ServiceBusNames.SequenceNumber) || IsKey(key, ServiceBusNames.EnqueuedTime) ||
        IsKey(key, ServiceBusNames.LockedUntil) || IsKey(key, ServiceBusNames.MessageState) ||
        IsKey(key, ServiceBusNames.EnqueueSequenceNumber);

    static bool IsKey(MapKey key, string name) => key.Key is AmqpSymbol symbol
        ? symbol.Value == name
        : Equals(key.Key, name);
}
