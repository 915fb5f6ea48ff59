using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint.Amqp;

/// <summary>A receiver's link seen from the broker: our sending end. Credit comes in flows, messages go out
/// with their lock token as the 16-byte delivery tag, and dispositions come back as settlements.</summary>
internal sealed class ConsumerLink
{
    readonly SendingAmqpLink link;
    readonly BrokerQueue queue;

    public ConsumerLink(SendingAmqpLink link, BrokerQueue queue)
    {
        this.link = link;
        this.queue = queue;
        link.RegisterCreditListener((credit, drain, _) => queue.OnCredit(this, credit, drain));
        link.RegisterDispositionListener(OnDisposition);
        link.SafeAddClosed((_, _) => queue.RemoveConsumer(this));
        queue.AddConsumer(this);
    }

    /// <summary>Credit the broker may still use; guarded by the queue's lock.</summary>
    public int Credit { get; set; }

    /// <summary>The AMQP stack's own view of the credit, which also sees credit the receiver took back.</summary>
    public int LinkCredit => (int)Math.Min(link.LinkCredit, int.MaxValue);

    public bool IsOpen =>
        link.State is AmqpObjectState.Opened or AmqpObjectState.OpenReceived or AmqpObjectState.OpenSent;

    /// <summary>Receive-and-delete: deliveries are settled when sent.</summary>
    public bool SettlesOnSend => link.Settings.SettleType == SettleMode.SettleOnSend;

    public void Send(AmqpMessage message, Guid tag)
    {
        try
        {
            link.SendMessageNoWait(message, new ArraySegment<byte>(tag.ToByteArray()), AmqpConstants.NullBinary);
        }
        catch (Exception exception)
            when (exception is InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // The link closed under us; the lock runs out and the message comes back, as on Service Bus.
            message.Dispose();
        }
    }

    void OnDisposition(Delivery delivery)
    {
        if (SettlesOnSend || delivery.DeliveryTag.Count != 16
            || Settlement.FromOutcome(delivery.State) is not { } settlement)
        {
            return;
        }

        var lockToken = new Guid(delivery.DeliveryTag.AsSpan());
        var outcome = queue.Settle(lockToken, settlement) ? Confirm(delivery.State) : LockLost(lockToken);
        if (!delivery.Settled)
        {
            link.DisposeDelivery(delivery, true, outcome);
        }
    }

    // The SDK treats any Rejected that carries an error as a failed settlement, so a successful
    // dead-letter is confirmed with a bare Rejected.
    static Outcome Confirm(DeliveryState state) => state switch
    {
        Rejected => new Rejected(),
        Outcome outcome => outcome,
        _ => AmqpConstants.AcceptedOutcome,
    };

    static Rejected LockLost(Guid lockToken) => new()
    {
        Error = new Error
        {
            Condition = ServiceBusNames.MessageLockLost,
            Description = $"The lock {lockToken} is not held: it expired, or the message was already settled.",
        },
    };
}
