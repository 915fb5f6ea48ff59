using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Ssl.ServiceBus.Endpoint.Amqp;

/// <summary>A node like <c>$cbs</c> or <c>$management</c>: a client attaches a sender (requests come to us) and
/// a receiver (responses go out there), and pairs each response with its request by correlation-id = the request's
/// message-id. Which receiver gets a response: see <see cref="ReplyLinkFor"/>.</summary>
internal abstract class RequestResponseNode
{
    readonly ConcurrentDictionary<SendingAmqpLink, byte> replyLinks = new();

    public void AttachRequestLink(ReceivingAmqpLink link) =>
        link.RegisterMessageListener(request => OnRequest(link, request));

    /// <summary>Accepts every reply link, with or without a target address: the JavaScript SDK's <c>$cbs</c>
    /// receiver has none (rhea attaches an empty target) and names the link after its reply-to instead.</summary>
    public void AttachReplyLink(SendingAmqpLink link)
    {
        replyLinks[link] = 0;
        link.SafeAddClosed((_, _) => replyLinks.TryRemove(link, out _));
    }

    /// <summary>Answers one request. Runs on the connection's I/O thread, so it must not block.</summary>
    protected abstract AmqpMessage Handle(AmqpMessage request);

    protected static AmqpMessage Response(string statusKey, int status, string descriptionKey, string description,
        AmqpMap? body = null)
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
        var replyLink = ReplyLinkFor(link, request.Properties.ReplyTo?.ToString());
        link.DisposeDelivery(request, true, replyLink is null ? NoReplyLink(request) : AmqpConstants.AcceptedOutcome);
        request.Dispose();
        if (replyLink is null)
        {
            response.Dispose();
            return;
        }

        var tag = new ArraySegment<byte>(Guid.NewGuid().ToByteArray());
        replyLink.SendMessageNoWait(response, tag, AmqpConstants.NullBinary);
    }

    /// <summary>The reply link for a request, looked for on the request's own connection only (a reply-to is
    /// unique within one client's connection, not across clients): the one whose target address
    /// is the request's reply-to (the .NET SDK, the JavaScript SDK's <c>$management</c>); else the one whose link
    /// name is (the JavaScript SDK's <c>$cbs</c>); else the only reply link in the request link's session.</summary>
    SendingAmqpLink? ReplyLinkFor(ReceivingAmqpLink requestLink, string? replyTo)
    {
        var connection = requestLink.Session.Connection;
        var candidates = replyLinks.Keys.Where(reply => reply.Session.Connection == connection).ToList();
        var inSession = candidates.Where(reply => reply.Session == requestLink.Session).Take(2).ToList();
        return candidates.FirstOrDefault(reply => replyTo is not null && TargetAddress(reply) == replyTo)
            ?? candidates.FirstOrDefault(reply => replyTo is not null && reply.Name == replyTo)
            ?? (inSession.Count == 1 ? inSession[0] : null);
    }

    static string? TargetAddress(AmqpLink link) => (link.Settings.Target as Target)?.Address?.ToString();

    // Rejecting the request makes the client fail at once instead of waiting out its timeout for a response.
    static Rejected NoReplyLink(AmqpMessage request) => new()
    {
        Error = new Error
        {
            Condition = AmqpErrorCode.PreconditionFailed,
            Description = $"No reply link for reply-to '{request.Properties.ReplyTo}': attach a receiver from this " +
                "node whose target address or link name is the reply-to, in the request link's session.",
        },
    };

    protected abstract AmqpMessage Error(Exception exception);
}
