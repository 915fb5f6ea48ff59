using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint.Amqp;

/// <summary>A sender's link seen from the broker: our receiving end. Each transfer (one message or an SDK batch)
/// is stored, then accepted; a transfer that cannot be read is rejected with the reason.</summary>
internal static class PublisherLink
{
    public static void Attach(ReceivingAmqpLink link, BrokerQueue queue)
    {
        link.RegisterMessageListener(message =>
        {
            DeliveryState outcome = AmqpConstants.AcceptedOutcome;
            try
            {
                queue.Enqueue(MessageCodec.Unpack(message));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                outcome = new Rejected
                {
                    Error = new Error { Condition = AmqpErrorCode.DecodeError, Description = exception.Message }
                };
            }

            link.DisposeMessage(message, outcome, settled: true, batchable: false);
            message.Dispose();
        });
    }
}
