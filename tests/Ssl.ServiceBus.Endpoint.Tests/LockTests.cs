using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed class LockTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Renewing_a_lock_moves_locked_until_forward_by_the_lock_duration()
    {
        var clock = new ShiftedClock();
        await using var queue = await TestQueue.StartAsync(q => q.LockDuration = TimeSpan.FromSeconds(30), clock);
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await sender.SendMessageAsync(new ServiceBusMessage("long run"));

        var received = await receiver.ReceiveMessageAsync(Wait);
        var before = received!.LockedUntil;
        // Ten seconds of the lock pass on the endpoint's clock, at once (no wait), and 20 s of the lock are left.
        clock.Advance(TimeSpan.FromSeconds(10));
        await receiver.RenewMessageLockAsync(received);

        Assert.True(received.LockedUntil >= before + TimeSpan.FromSeconds(10),
            $"{before:O} -> {received.LockedUntil:O}");
        Assert.InRange(received.LockedUntil - clock.GetUtcNow(), TimeSpan.FromSeconds(20),
            TimeSpan.FromSeconds(30.1));
    }

    [Fact]
    public async Task A_message_whose_lock_expires_is_redelivered_with_a_higher_delivery_count()
    {
        await using var queue = await TestQueue.StartAsync(q => q.LockDuration = TimeSpan.FromSeconds(1));
        await using var sender = queue.Sender();
        await using var crashed = queue.Receiver();
        await using var survivor = queue.Receiver();
        await sender.SendMessageAsync(new ServiceBusMessage("work") { MessageId = "run-3" });

        var first = await crashed.ReceiveMessageAsync(Wait);
        var second = await survivor.ReceiveMessageAsync(Wait);
        var receivedAt = DateTimeOffset.UtcNow;

        Assert.True(receivedAt >= first!.LockedUntil,
            $"redelivered at {receivedAt:O}, first lock until {first.LockedUntil:O}");
        Assert.Equal("run-3", second!.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.NotEqual(first.LockToken, second.LockToken);
        await survivor.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task A_message_held_by_a_client_that_went_away_comes_back_when_its_lock_expires()
    {
        await using var queue = await TestQueue.StartAsync(q => q.LockDuration = TimeSpan.FromSeconds(1));
        await using var sender = queue.Sender();
        await using var survivor = queue.Receiver();
        await sender.SendMessageAsync(new ServiceBusMessage("interrupted run") { MessageId = "run-5" });
        var crashed = new ServiceBusClient(queue.Endpoint.ConnectionString);
        var receiver = crashed.CreateReceiver(TestQueue.Name);

        var first = await receiver.ReceiveMessageAsync(Wait);
        await crashed.DisposeAsync();
        var second = await survivor.ReceiveMessageAsync(Wait);

        Assert.Equal("run-5", first!.MessageId);
        Assert.Equal("run-5", second!.MessageId);
        Assert.Equal(2, second.DeliveryCount);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_moves_to_the_dead_letter_queue_at_max_delivery_count()
    {
        await using var queue = await TestQueue.StartAsync(q => q.MaxDeliveryCount = 3);
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await using var deadLetters = queue.DeadLetterReceiver();
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "run-4" });

        for (int attempt = 1; attempt <= 3; attempt++)
        {
            var received = await receiver.ReceiveMessageAsync(Wait);
            Assert.Equal(attempt, received!.DeliveryCount);
            await receiver.AbandonMessageAsync(received);
        }

        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        var more = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300));

        Assert.Null(more);
        Assert.Equal("run-4", dead!.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal("MaxDeliveryCountExceeded", Assert.Single(queue.View.DeadLetters()).DeadLetterReason);
    }

    [Fact]
    public async Task Lock_expiries_count_towards_max_delivery_count()
    {
        await using var queue = await TestQueue.StartAsync(
            q => (q.LockDuration, q.MaxDeliveryCount) = (TimeSpan.FromSeconds(1), 2));
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await using var deadLetters = queue.DeadLetterReceiver();
        await sender.SendMessageAsync(new ServiceBusMessage("crashes the worker"));

        Assert.Equal(1, (await receiver.ReceiveMessageAsync(Wait))!.DeliveryCount);
        Assert.Equal(2, (await receiver.ReceiveMessageAsync(Wait))!.DeliveryCount);
        var dead = await deadLetters.ReceiveMessageAsync(Wait);

        Assert.Equal("MaxDeliveryCountExceeded", dead!.DeadLetterReason);
        Assert.Equal(0, queue.View.ActiveCount + queue.View.LockedCount);
    }

    [Fact]
    public async Task A_processor_with_auto_lock_renewal_holds_the_lock_for_longer_than_the_lock_duration()
    {
        await using var queue = await TestQueue.StartAsync(q => q.LockDuration = TimeSpan.FromSeconds(3));
        await using var sender = queue.Sender();
        await using var processor = queue.Client.CreateProcessor(TestQueue.Name, new ServiceBusProcessorOptions
        {
            AutoCompleteMessages = false,
            MaxAutoLockRenewalDuration = TimeSpan.FromMinutes(1),
        });
        var deliveries = new List<int>();
        var errors = new List<Exception>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        processor.ProcessMessageAsync += async args =>
        {
            lock (deliveries)
            {
                deliveries.Add(args.Message.DeliveryCount);
            }

            await Task.Delay(TimeSpan.FromSeconds(7), args.CancellationToken);
            await args.CompleteMessageAsync(args.Message);
            done.TrySetResult();
        };
        processor.ProcessErrorAsync += args =>
        {
            lock (errors)
            {
                errors.Add(args.Exception);
            }

            return Task.CompletedTask;
        };
        await sender.SendMessageAsync(new ServiceBusMessage("a long training run"));

        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await processor.StopProcessingAsync();

        Assert.Empty(errors);
        Assert.Equal([1], deliveries);
        Assert.Equal(0, queue.View.ActiveCount + queue.View.LockedCount + queue.View.DeadLetterCount);
    }
}
