using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed class SendAndReceiveTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_sent_message_is_received_with_its_body_and_properties_and_completing_it_empties_the_queue()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        var sent = new ServiceBusMessage("run-42") { MessageId = "run-42", Subject = "train", ContentType = "application/json" };
        sent.ApplicationProperties["attempt"] = 3;
        await sender.SendMessageAsync(sent);
        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(received);
        Assert.Equal("run-42", received.Body.ToString());
        Assert.Equal("run-42", received.MessageId);
        Assert.Equal("train", received.Subject);
        Assert.Equal(3, received.ApplicationProperties["attempt"]);
        Assert.Equal(1, received.DeliveryCount);
        Assert.Equal(1, received.SequenceNumber);
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow);
        await receiver.CompleteMessageAsync(received);
        Assert.Equal(0, queue.View.ActiveCount + queue.View.LockedCount);
    }
}
