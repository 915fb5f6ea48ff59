using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint.Tests;

/// <summary>A hand-made <c>$cbs</c> client on one AMQP connection: a request link and a reply link with exactly the
/// attach fields a test chooses, to play clients other than the .NET SDK (rhea, uamqp) at the protocol level.</summary>
internal sealed class CbsClient : IAsyncDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    readonly AmqpConnection connection;

    CbsClient(AmqpConnection connection, AmqpSession session)
    {
        this.connection = connection;
        Session = session;
    }

    public AmqpSession Session { get; }

    public static async Task<CbsClient> ConnectAsync(ServiceBusEndpoint endpoint)
    {
        var connection = await new AmqpConnectionFactory().OpenConnectionAsync(
            new Uri($"amqp://127.0.0.1:{endpoint.Port}"), Timeout);
        var session = connection.CreateSession(new AmqpSessionSettings());
        await session.OpenAsync(Timeout);
        return new CbsClient(connection, session);
    }

    /// <summary>Attaches a receiver from <c>$cbs</c> named <paramref name="name"/>; a null
    /// <paramref name="targetAddress"/> attaches an empty target, as rhea does.</summary>
    public async Task<ReceivingAmqpLink> AttachReplyLinkAsync(string name, string? targetAddress)
    {
        var link = new ReceivingAmqpLink(Session, new AmqpLinkSettings
        {
            Role = true,
            LinkName = name,
            TotalLinkCredit = 10,
            AutoSendFlow = true,
            SettleType = SettleMode.SettleOnSend,
            Source = new Source { Address = ServiceBusNames.CbsAddress },
            Target = new Target { Address = targetAddress },
        });
        await link.OpenAsync(Timeout);
        return link;
    }

    public async Task<SendingAmqpLink> AttachRequestLinkAsync()
    {
        var link = new SendingAmqpLink(Session, new AmqpLinkSettings
        {
            Role = false,
            LinkName = $"cbs-requests-{Guid.NewGuid():N}",
            SettleType = SettleMode.SettleOnReceive,
            Source = new Source(),
            Target = new Target { Address = ServiceBusNames.CbsAddress },
        });
        await link.OpenAsync(Timeout);
        return link;
    }

    /// <summary>Sends a put-token and returns the outcome the endpoint settled the request with.</summary>
    public static Task<Outcome> PutTokenAsync(SendingAmqpLink requests, string messageId, string? replyTo)
    {
        var request = AmqpMessage.Create(new AmqpValue { Value = "any token" });
        request.Properties.MessageId = messageId;
        request.Properties.ReplyTo = replyTo;
        request.ApplicationProperties.Map[ServiceBusNames.Operation] = ServiceBusNames.PutToken;
        request.ApplicationProperties.Map["name"] = "sb://127.0.0.1/training";
        request.ApplicationProperties.Map["type"] = "servicebus.windows.net:sastoken";
        return requests.SendMessageAsync(request, new ArraySegment<byte>(Guid.NewGuid().ToByteArray()),
            AmqpConstants.NullBinary, Timeout);
    }

    /// <summary>The next response on <paramref name="replies"/>: its correlation-id and status code, or null when
    /// none comes within a generous wait.</summary>
    public static async Task<(string CorrelationId, int StatusCode)?> ResponseAsync(ReceivingAmqpLink replies)
    {
        using var response = await replies.ReceiveMessageAsync(Timeout);
        if (response is null)
        {
            return null;
        }

        var status = (int)response.ApplicationProperties.Map[ServiceBusNames.CbsStatusCode];
        return (response.Properties.CorrelationId.ToString()!, status);
    }

    public async ValueTask DisposeAsync() => await connection.CloseAsync(Timeout);
}
