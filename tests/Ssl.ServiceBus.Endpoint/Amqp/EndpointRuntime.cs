using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transaction;
using Microsoft.Azure.Amqp.Transport;
using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint.Amqp;

/// <summary>The listener side of Microsoft.Azure.Amqp: creates connections, sessions and links for what clients
/// open, and routes each attached link to <c>$cbs</c>, a queue, a dead-letter queue or a <c>$management</c>
/// node.</summary>
internal sealed class EndpointRuntime(QueueRegistry queues) : IRuntimeProvider
{
    const ulong NodeMaxMessageSize = 64 * 1024 * 1024;
    readonly CbsNode cbs = new();
    readonly ConcurrentDictionary<(string Queue, bool DeadLetter), ManagementNode> managementNodes = new();

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator,
        AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, false, amqpSettings, connectionSettings);

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) =>
        new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        bool weReceive = settings.Role == true;
        if (weReceive && settings.Target is Coordinator)
        {
            throw new AmqpException(AmqpErrorCode.NotImplemented, "Transactions are not supported by this endpoint.");
        }

        if (!weReceive && settings.Source is Source { FilterSet: { } filters }
            && filters.TryGetValue<object>(ServiceBusNames.SessionFilter, out _))
        {
            throw new AmqpException(AmqpErrorCode.NotImplemented, "Sessions are not supported by this endpoint.");
        }

        var address = AddressOf(settings);
        if (weReceive)
        {
            // Without max-message-size in our attach, every SDK send fails with MessageSizeExceeded (-1 bytes).
            settings.MaxMessageSize = address.Kind is EntityKind.Queue or EntityKind.DeadLetterQueue
                ? queues.Find(address.QueueName)?.Options.MaxMessageSizeInBytes ?? NodeMaxMessageSize
                : NodeMaxMessageSize;
            return new ReceivingAmqpLink(session, settings);
        }

        return new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        var address = AddressOf(link.Settings);
        switch (address.Kind)
        {
            case EntityKind.Cbs:
                AttachNode(cbs, link);
                break;
            case EntityKind.Management:
                var entity = Entity(address.QueueName, address.OfDeadLetterQueue);
                AttachNode(managementNodes.GetOrAdd((entity.Name, address.OfDeadLetterQueue),
                    _ => new ManagementNode(entity)), link);
                break;
            case EntityKind.Queue or EntityKind.DeadLetterQueue when link is ReceivingAmqpLink publisher:
                if (address.OfDeadLetterQueue)
                {
                    throw new AmqpException(AmqpErrorCode.NotAllowed,
                        "Messages cannot be sent to a dead-letter queue.");
                }

                PublisherLink.Attach(publisher, Entity(address.QueueName, false));
                break;
            case EntityKind.Queue or EntityKind.DeadLetterQueue:
                _ = new ConsumerLink((SendingAmqpLink)link, Entity(address.QueueName, address.OfDeadLetterQueue));
                break;
        }

        return CompletedResult.Complete(callback, state);
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    static void AttachNode(RequestResponseNode node, AmqpLink link)
    {
        if (link is ReceivingAmqpLink requests)
        {
            node.AttachRequestLink(requests);
        }
        else
        {
            node.AttachReplyLink((SendingAmqpLink)link);
        }
    }

    static EntityAddress AddressOf(AmqpLinkSettings settings)
    {
        var address = settings.Role == true
            ? (settings.Target as Target)?.Address
            : (settings.Source as Source)?.Address;
        try
        {
            return EntityAddress.Parse(address?.ToString());
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            throw new AmqpException(AmqpErrorCode.NotFound, exception.Message);
        }
    }

    BrokerQueue Entity(string queueName, bool deadLetter)
    {
        var queue = queues.Find(queueName)
            ?? throw new AmqpException(AmqpErrorCode.NotFound,
                $"The messaging entity '{queueName}' could not be found.");
        return deadLetter ? queue.DeadLetterQueue! : queue;
    }
}
