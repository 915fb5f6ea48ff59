using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed class TimeToLiveTests
{
    [Fact]
    public async Task A_message_whose_time_to_live_ran_out_is_not_delivered()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(clock: clock);
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        await sender.SendMessageAsync(new ServiceBusMessage("stale") { TimeToLive = TimeSpan.FromMinutes(30) });
        await sender.SendMessageAsync(new ServiceBusMessage("fresh"));
        clock.Advance(TimeSpan.FromHours(1));
        var received = await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(1));

        Assert.Equal("fresh", Assert.Single(received).Body.ToString());
        Assert.Equal(1, queue.View.ExpiredCount);
    }

    [Fact]
    public async Task The_queue_default_time_to_live_caps_a_longer_message_time_to_live()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(q => q.DefaultMessageTimeToLive = TimeSpan.FromMinutes(5),
            clock);
        await using var sender = queue.Sender();

        await sender.SendMessageAsync(new ServiceBusMessage("capped") { TimeToLive = TimeSpan.FromDays(1) });
        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.True(await Eventually.TrueAsync(() => queue.View.ExpiredCount == 1));
        Assert.Equal(0, queue.View.ActiveCount);
    }

    [Fact]
    public async Task Expired_messages_go_to_the_dead_letter_queue_when_the_queue_asks_for_it()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(q => q.DeadLetteringOnMessageExpiration = true, clock);
        await using var sender = queue.Sender();
        await using var deadLetters = queue.DeadLetterReceiver();

        await sender.SendMessageAsync(new ServiceBusMessage("stale")
        {
            MessageId = "run-9", TimeToLive = TimeSpan.FromMinutes(1)
        });
        clock.Advance(TimeSpan.FromMinutes(2));
        var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("run-9", dead!.MessageId);
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
    }
}
