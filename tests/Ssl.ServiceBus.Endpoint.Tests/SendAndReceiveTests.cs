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

        var sent = new ServiceBusMessage("run-42")
        {
            MessageId = "run-42", Subject = "train", ContentType = "application/json"
        };
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

    [Fact]
    public async Task A_message_sent_without_a_message_id_is_given_one_as_on_Service_Bus()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        await sender.SendMessageAsync(new ServiceBusMessage("anonymous"));
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.False(string.IsNullOrEmpty(received!.MessageId));
    }

    [Fact]
    public async Task Messages_sent_in_one_call_or_one_batch_arrive_as_separate_messages_in_order()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        await sender.SendMessagesAsync(
            [new ServiceBusMessage("a"), new ServiceBusMessage("b"), new ServiceBusMessage("c")]);
        using var batch = await sender.CreateMessageBatchAsync();
        Assert.True(batch.TryAddMessage(new ServiceBusMessage("d")));
        Assert.True(batch.TryAddMessage(new ServiceBusMessage("e")));
        await sender.SendMessagesAsync(batch);
        var received = await ReceiveAsync(receiver, 5);

        Assert.Equal(["a", "b", "c", "d", "e"], received.Select(m => m.Body.ToString()));
        Assert.Equal([1L, 2, 3, 4, 5], received.Select(m => m.SequenceNumber));
    }

    [Fact]
    public async Task Peeking_shows_messages_in_order_without_locking_or_counting_a_delivery()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();
        await sender.SendMessagesAsync([new ServiceBusMessage("first"), new ServiceBusMessage("second")]);

        var peeked = await receiver.PeekMessagesAsync(10);
        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal(["first", "second"], peeked.Select(m => m.Body.ToString()));
        Assert.All(peeked, m => Assert.Equal(0, m.DeliveryCount));
        Assert.Equal("first", received!.Body.ToString());
        Assert.Equal(1, received.DeliveryCount);
        Assert.Empty(await receiver.PeekMessagesAsync(10, fromSequenceNumber: 3));
    }

    [Fact]
    public async Task Receive_and_delete_removes_the_message_as_it_is_delivered()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver(ServiceBusReceiveMode.ReceiveAndDelete);
        await sender.SendMessageAsync(new ServiceBusMessage("once"));

        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("once", received!.Body.ToString());
        Assert.Equal(0, queue.View.ActiveCount + queue.View.LockedCount);
    }

    [Fact]
    public async Task A_receive_on_an_empty_queue_returns_nothing_and_the_next_receive_still_works()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var sender = queue.Sender();
        await using var receiver = queue.Receiver();

        var nothing = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500));
        await sender.SendMessageAsync(new ServiceBusMessage("late"));
        var late = await receiver.ReceiveMessageAsync(Wait);

        Assert.Null(nothing);
        Assert.Equal("late", late!.Body.ToString());
    }

    [Fact]
    public async Task Unconfigured_queues_are_created_on_first_use_and_kept_apart()
    {
        await using var queue = await TestQueue.StartAsync();
        await using var toA = queue.Client.CreateSender("a");
        await using var toB = queue.Client.CreateSender("b");
        await using var fromB = queue.Client.CreateReceiver("b");
        await toA.SendMessageAsync(new ServiceBusMessage("for a"));
        await toB.SendMessageAsync(new ServiceBusMessage("for b"));

        var received = await fromB.ReceiveMessageAsync(Wait);

        Assert.Equal("for b", received!.Body.ToString());
        Assert.Equal(1, queue.Endpoint.Queue("a").ActiveCount);
    }

    [Fact]
    public async Task Sending_to_an_unknown_queue_fails_as_entity_not_found_when_auto_creation_is_off()
    {
        await using var endpoint = await ServiceBusEndpoint.StartAsync(
            new EndpointOptions { AutoCreateQueues = false });
        await using var client = new ServiceBusClient(endpoint.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(10) },
        });
        await using var sender = client.CreateSender("missing");

        var error = await Assert.ThrowsAsync<ServiceBusException>(
            () => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }

    [Fact]
    public async Task A_message_larger_than_the_queue_max_message_size_is_refused_by_the_sender()
    {
        await using var queue = await TestQueue.StartAsync(q => q.MaxMessageSizeInBytes = 64 * 1024);
        await using var sender = queue.Sender();

        var error = await Assert.ThrowsAsync<ServiceBusException>(
            () => sender.SendMessageAsync(new ServiceBusMessage(new byte[100 * 1024])));
        await sender.SendMessageAsync(new ServiceBusMessage(new byte[32 * 1024]));

        Assert.Equal(ServiceBusFailureReason.MessageSizeExceeded, error.Reason);
        Assert.Equal(1, queue.View.ActiveCount);
    }

    internal static async Task<List<ServiceBusReceivedMessage>> ReceiveAsync(ServiceBusReceiver receiver, int count)
    {
        var received = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow + Wait;
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(count - received.Count, TimeSpan.FromSeconds(1)));
        }

        return received;
    }
}
