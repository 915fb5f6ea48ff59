using Azure.Messaging.ServiceBus;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.ServiceBus.Endpoint;

namespace Ssl.Cloud.Core.Tests.Queue;

/// <summary>The sender against the in-process Service Bus endpoint (tests/Ssl.ServiceBus.Endpoint),
/// through the unmodified SDK. Left out of the build (see the .csproj) until that project lands;
/// then add its ProjectReference and remove the Compile Remove line.</summary>
public sealed class TrainingQueueTests : IAsyncLifetime
{
    ServiceBusEndpoint endpoint = null!;
    ServiceBusClient client = null!;

    public async Task InitializeAsync()
    {
        endpoint = await ServiceBusEndpoint.StartAsync(new EndpointOptions
        {
            Queues =
            {
                new QueueOptions(TrainingQueue.DefaultQueueName) { DuplicateDetectionWindow = TimeSpan.FromMinutes(10) }
            },
        });
        client = new ServiceBusClient(endpoint.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions
            {
                TryTimeout = TimeSpan.FromSeconds(15), MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(100)
            },
        });
    }

    public async Task DisposeAsync()
    {
        await client.DisposeAsync();
        await endpoint.DisposeAsync();
    }

    TrainingQueue Queue() => new(client.CreateSender(TrainingQueue.DefaultQueueName));

    ServiceBusReceiver Receiver() => client.CreateReceiver(TrainingQueue.DefaultQueueName);

    [Fact]
    public async Task A_sent_request_arrives_with_the_run_id_as_message_id_and_the_request_as_body()
    {
        await Queue().SendAsync(TestData.Request("run-0042"));

        var received = await Receiver().ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("run-0042", received.MessageId);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal(ContractJson.SerializeToString(TestData.Request("run-0042")),
            ContractJson.SerializeToString(TrainingMessage.Read(received)));
    }

    [Fact]
    public async Task The_same_request_sent_ten_times_is_delivered_once()
    {
        var queue = Queue();
        for (var i = 0; i < 10; i++)
            await queue.SendAsync(TestData.Request("run-0042"));

        var receiver = Receiver();
        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.CompleteMessageAsync(first);
        var second = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(2));

        Assert.Equal("run-0042", first.MessageId);
        Assert.Null(second);
    }

    [Fact]
    public async Task A_scheduled_request_is_invisible_until_its_time()
    {
        var sequence = await Queue().ScheduleAsync(TestData.Request("run-0042"), DateTimeOffset.UtcNow.AddSeconds(3));

        var receiver = Receiver();
        var early = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1));
        var onTime = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Null(early);
        Assert.Equal("run-0042", onTime.MessageId);
        Assert.Equal(sequence, onTime.SequenceNumber);
    }

    [Fact]
    public async Task A_cancelled_scheduled_request_is_never_delivered()
    {
        var queue = Queue();
        var sequence = await queue.ScheduleAsync(TestData.Request("run-0042"), DateTimeOffset.UtcNow.AddSeconds(2));

        await queue.CancelScheduledAsync(sequence);

        Assert.Null(await Receiver().ReceiveMessageAsync(TimeSpan.FromSeconds(4)));
    }
}
