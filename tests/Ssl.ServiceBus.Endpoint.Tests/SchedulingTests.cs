using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed class SchedulingTests
{
    [Fact]
    public async Task A_scheduled_message_arrives_at_its_time_and_not_before()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        var due = DateTimeOffset.UtcNow.AddSeconds(2);

        var sequenceNumber = await sender.ScheduleMessageAsync(
            new ServiceBusMessage("nightly") { MessageId = "schedule:1" }, due);
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        var receivedAt = DateTimeOffset.UtcNow;

        Assert.Equal("schedule:1", received!.MessageId);
        Assert.Equal(sequenceNumber, received.SequenceNumber);
        Assert.True(receivedAt >= due, $"received {receivedAt:O}, due {due:O}");
        Assert.Equal(due.ToUnixTimeMilliseconds(), received.ScheduledEnqueueTime.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_scheduled_message_is_peeked_as_scheduled_and_held_until_the_clock_reaches_it()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(clock: clock);
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("nightly"),
            DateTimeOffset.UtcNow.AddHours(1));
        var peeked = await receiver.PeekMessageAsync();
        var early = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300));
        clock.Advance(TimeSpan.FromHours(2));
        var due = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ServiceBusMessageState.Scheduled, peeked!.State);
        Assert.Equal(sequenceNumber, peeked.SequenceNumber);
        Assert.Null(early);
        Assert.Equal(sequenceNumber, due!.SequenceNumber);
    }

    [Fact]
    public async Task A_cancelled_scheduled_message_never_arrives()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(clock: clock);
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("cancel me"),
            DateTimeOffset.UtcNow.AddHours(1));
        await sender.CancelScheduledMessageAsync(sequenceNumber);
        clock.Advance(TimeSpan.FromHours(2));
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500));

        Assert.Null(received);
        Assert.Equal(0, queue.View.ScheduledCount);
    }

    [Fact]
    public async Task A_message_sent_with_a_scheduled_enqueue_time_waits_until_then()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(clock: clock);
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        await sender.SendMessageAsync(
            new ServiceBusMessage("later") { ScheduledEnqueueTime = DateTimeOffset.UtcNow.AddHours(1) });
        var early = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300));
        clock.Advance(TimeSpan.FromHours(2));
        var due = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Null(early);
        Assert.Equal("later", due!.Body.ToString());
    }
}
