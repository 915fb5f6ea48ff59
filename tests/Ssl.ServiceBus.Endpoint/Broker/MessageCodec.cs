using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>Turns what arrives on the wire into <see cref="MessageContent"/> and back into bytes.</summary>
internal static class MessageCodec
{
    /// <summary>The messages in one transfer: the SDK's SendMessagesAsync packs several into one AMQP message
    /// with message-format 0x80013700, one encoded message per Data section.</summary>
    public static IReadOnlyList<MessageContent> Unpack(AmqpMessage transfer)
    {
        if (transfer.MessageFormat != AmqpConstants.AmqpBatchedMessageFormat)
        {
            return [MessageContent.From(transfer)];
        }

        return transfer.DataBody.Select(data => Decode((ArraySegment<byte>)data.Value)).ToList();
    }

    /// <summary>Decodes one encoded message, as found in a batch or in a $management request map.</summary>
    public static MessageContent Decode(ArraySegment<byte> encoded)
    {
        var copy = new ArraySegment<byte>(encoded.ToArray());
        using var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([copy]), true);
        return MessageContent.From(message);
    }

    /// <summary>The full encoding of a message, as $management answers peek requests.</summary>
    public static ArraySegment<byte> Encode(AmqpMessage message)
    {
        using var stream = message.ToStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new ArraySegment<byte>(buffer.ToArray());
    }
}
