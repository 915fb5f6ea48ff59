using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Ssl.ServiceBus.Endpoint.Amqp;

/// <summary>A node like <c>$cbs</c> or <c>$management</c>: a client attaches a sender (requests come to us)
/// and a receiver whose target address is the reply-to of its requests (responses go out there),
/// paired with the request by correlation-id = the request's message-id.</summary>
internal abstract class RequestResponseNode
{
    readonly ConcurrentDictionary<string, SendingAmqpLink> replyLinks = new();

    public void AttachRequestLink(ReceivingAmqpLink link) => link.RegisterMessageListener(request => OnRequest(link, request));

    public void AttachReplyLink(SendingAmqpLink link)
    {
        var replyTo = (link.Settings.Target as Target)?.Address?.ToString()
            ?? throw new AmqpException(AmqpErrorCode.InvalidField, "A reply link needs a target address.");
        replyLinks[replyTo] = link;
        link.SafeAddClosed((_, _) => replyLinks.TryRemove(new KeyValuePair<string, SendingAmqpLink>(replyTo, link)));
    }

    /// <summary>Answers one request. Runs on the connection's I/O thread, so it must not block.</summary>
    protected abstract AmqpMessage Handle(AmqpMessage request);

    protected static AmqpMessage Response(string statusKey, int status, string descriptionKey, string description, AmqpMap? body = null)
    {
        var response = body is null ? AmqpMessage.Create() : AmqpMessage.Create(new AmqpValue { Value = body });
        response.ApplicationProperties.Map[statusKey] = status;
        response.ApplicationProperties.Map[descriptionKey] = description;
        return response;
    }

    void OnRequest(ReceivingAmqpLink link, AmqpMessage request)
    {
        AmqpMessage response;
        try
        {
            response = Handle(request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            response = Error(exception);
        }

        response.Properties.CorrelationId = request.Properties.MessageId;
        var replyTo = request.Properties.ReplyTo?.ToString();
        link.DisposeDelivery(request, true, AmqpConstants.AcceptedOutcome);
        request.Dispose();
        if (replyTo is not null && replyLinks.TryGetValue(replyTo, out var replyLink))
        {
            replyLink.SendMessageNoWait(response, new ArraySegment<byte>(Guid.NewGuid().ToByteArray()), AmqpConstants.NullBinary);
        }
    }

    protected abstract AmqpMessage Error(Exception exception);
}
