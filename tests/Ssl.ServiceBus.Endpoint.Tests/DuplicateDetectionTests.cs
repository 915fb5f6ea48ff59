using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed class DuplicateDetectionTests
{
    [Fact]
    public async Task A_message_id_sent_again_within_the_window_is_accepted_but_delivered_once()
    {
        await using var queue = await TestQueue.StartAsync(q => q.DuplicateDetectionWindow = TimeSpan.FromMinutes(10));
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        await sender.SendMessageAsync(new ServiceBusMessage("v1") { MessageId = "run-7" });
        await sender.SendMessageAsync(new ServiceBusMessage("v2") { MessageId = "run-7" });
        await sender.SendMessagesAsync(
            [new ServiceBusMessage("v3") { MessageId = "run-7" },
                new ServiceBusMessage("other") { MessageId = "run-8" }]);
        var received = await SendAndReceiveTests.ReceiveAsync(receiver, 2);
        var more = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300));

        Assert.Equal(["other", "v1"], received.Select(m => m.Body.ToString()).Order());
        Assert.Null(more);
        Assert.Equal(2, queue.View.DroppedDuplicateCount);
    }

    [Fact]
    public async Task A_message_id_sent_again_after_the_window_is_delivered_again()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(q => q.DuplicateDetectionWindow = TimeSpan.FromMinutes(10),
            clock);
        await using var sender = queue.Sender();

        await sender.SendMessageAsync(new ServiceBusMessage("monday") { MessageId = "schedule:nightly" });
        clock.Advance(TimeSpan.FromMinutes(11));
        await sender.SendMessageAsync(new ServiceBusMessage("tuesday") { MessageId = "schedule:nightly" });

        Assert.Equal(2, queue.View.ActiveCount);
        Assert.Equal(0, queue.View.DroppedDuplicateCount);
    }

    [Fact]
    public async Task Without_a_window_every_copy_is_delivered()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();

        await sender.SendMessageAsync(new ServiceBusMessage("a") { MessageId = "same" });
        await sender.SendMessageAsync(new ServiceBusMessage("b") { MessageId = "same" });

        Assert.Equal(2, queue.View.ActiveCount);
    }
}
