using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed class ProcessorTests
{
    [Fact]
    public async Task A_processor_with_concurrent_calls_handles_every_message_exactly_once()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var processor = queue.Client.CreateProcessor(TestQueue.Name,
            new ServiceBusProcessorOptions { MaxConcurrentCalls = 4 });
        var seen = new ConcurrentBag<string>();
        processor.ProcessMessageAsync += async args =>
        {
            await Task.Delay(50, args.CancellationToken);
            seen.Add(args.Message.MessageId);
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        await sender.SendMessagesAsync(
            Enumerable.Range(0, 12).Select(i => new ServiceBusMessage($"{i}") { MessageId = $"run-{i}" }));

        await processor.StartProcessingAsync();
        var allDone = await Eventually.TrueAsync(
            () => seen.Count >= 12 && queue.View.ActiveCount + queue.View.LockedCount == 0);
        await processor.StopProcessingAsync();

        Assert.True(allDone, $"{seen.Count} handled, {queue.View.ActiveCount} active, {queue.View.LockedCount} locked");
        Assert.Equal(12, seen.Distinct().Count());
        Assert.Equal(12, seen.Count);
    }

    [Fact]
    public async Task A_receiver_with_prefetch_gets_every_message_once()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Client.CreateReceiver(TestQueue.Name,
            new ServiceBusReceiverOptions { PrefetchCount = 5 });
        await sender.SendMessagesAsync(Enumerable.Range(0, 8).Select(i => new ServiceBusMessage($"{i}")));

        // Credit comes back as messages are settled, so settle while receiving.
        var received = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count < 8 && DateTime.UtcNow < deadline)
        {
            foreach (var message in await receiver.ReceiveMessagesAsync(8, TimeSpan.FromSeconds(1)))
            {
                received.Add(message);
                await receiver.CompleteMessageAsync(message);
            }
        }

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{i}"), received.Select(m => m.Body.ToString()));
        Assert.Equal(0, queue.View.ActiveCount + queue.View.LockedCount);
    }
}
