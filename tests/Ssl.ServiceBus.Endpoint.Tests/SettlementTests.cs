using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed class SettlementTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_abandoned_message_is_redelivered_with_delivery_count_two_and_the_modified_properties()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await sender.SendMessageAsync(new ServiceBusMessage("retry me") { MessageId = "run-1" });

        var first = await receiver.ReceiveMessageAsync(Wait);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["lastError"] = "preempted" });
        var second = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("run-1", second!.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal("preempted", second.ApplicationProperties["lastError"]);
        Assert.NotEqual(first.LockToken, second.LockToken);
    }

    [Fact]
    public async Task A_dead_lettered_message_is_read_from_the_dead_letter_queue_with_its_reason_and_description()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await using var deadLetters = queue.DeadLetterReceiver();
        await sender.SendMessageAsync(new ServiceBusMessage("{bad json") { MessageId = "run-2" });

        var received = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeadLetterMessageAsync(received, "InvalidRequest", "Body is not valid JSON.");
        var peeked = await deadLetters.PeekMessageAsync();
        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        await deadLetters.RenewMessageLockAsync(dead);

        Assert.Equal("InvalidRequest", peeked!.DeadLetterReason);
        Assert.Equal("run-2", dead!.MessageId);
        Assert.Equal("{bad json", dead.Body.ToString());
        Assert.Equal("InvalidRequest", dead.DeadLetterReason);
        Assert.Equal("Body is not valid JSON.", dead.DeadLetterErrorDescription);
        await deadLetters.CompleteMessageAsync(dead);
        Assert.Equal(0, queue.View.ActiveCount + queue.View.LockedCount + queue.View.DeadLetterCount);
    }

    [Fact]
    public async Task Settling_after_the_lock_expired_fails_with_lock_lost()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(q => q.LockDuration = TimeSpan.FromSeconds(30), clock);
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await sender.SendMessageAsync(new ServiceBusMessage("slow"));

        var received = await receiver.ReceiveMessageAsync(Wait);
        // The lock's end passes on the endpoint's clock, which a settlement checks the lock against.
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(received));

        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        Assert.Equal(1, queue.View.ActiveCount);
    }

    [Fact]
    public async Task Completing_a_message_twice_fails_with_lock_lost()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await sender.SendMessageAsync(new ServiceBusMessage("done"));

        var received = await receiver.ReceiveMessageAsync(Wait);
        await receiver.CompleteMessageAsync(received);
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(received));

        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        Assert.Equal(0, queue.View.ActiveCount + queue.View.LockedCount);
    }

    [Fact]
    public async Task A_message_can_be_settled_from_another_link_through_management_as_after_a_reconnect()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await using var other = queue.Receiver();
        await sender.SendMessagesAsync([new ServiceBusMessage("complete me"), new ServiceBusMessage("dead-letter me")]);

        var received = await SendAndReceiveTests.ReceiveAsync(receiver, 2);
        await other.CompleteMessageAsync(received[0]);
        await other.DeadLetterMessageAsync(received[1], "Unrecoverable", "Settled over $management.");

        var dead = Assert.Single(queue.View.DeadLetters());
        Assert.Equal("Unrecoverable", dead.DeadLetterReason);
        Assert.Equal("Settled over $management.", dead.DeadLetterErrorDescription);
        Assert.Equal(0, queue.View.ActiveCount + queue.View.LockedCount);
    }
}
