using Microsoft.Azure.Amqp;
using Ssl.ServiceBus.Endpoint.Amqp;

namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>What a queue decided under its lock and carries out after releasing it: transfers to consumers
/// and moves to the dead-letter queue. Calling into the AMQP stack or another queue while holding a queue
/// lock could deadlock against the I/O thread that delivers flows and dispositions.</summary>
internal sealed class QueueWork
{
    readonly List<(ConsumerLink Consumer, AmqpMessage Message, Guid Tag)> deliveries = [];
    readonly List<(StoredMessage Message, Settlement Reason)> deadLetters = [];

    public void Deliver(ConsumerLink consumer, AmqpMessage message, Guid tag) =>
        deliveries.Add((consumer, message, tag));

    public void DeadLetter(StoredMessage message, Settlement reason) => deadLetters.Add((message, reason));

    public void Apply(BrokerQueue? deadLetterQueue)
    {
        foreach (var (consumer, message, tag) in deliveries)
        {
            consumer.Send(message, tag);
        }

        if (deadLetterQueue is not null && deadLetters.Count > 0)
        {
            deadLetterQueue.AcceptDeadLetters(deadLetters);
        }
    }
}
