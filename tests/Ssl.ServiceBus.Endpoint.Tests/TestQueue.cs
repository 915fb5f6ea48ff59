using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

/// <summary>One endpoint on a free port with one queue, and an SDK client connected to it. Each test owns
/// one.</summary>
internal sealed class TestQueue : IAsyncDisposable
{
    public const string Name = "training";

    TestQueue(ServiceBusEndpoint endpoint, ServiceBusClient client)
    {
        Endpoint = endpoint;
        Client = client;
    }

    public ServiceBusEndpoint Endpoint { get; }

    public ServiceBusClient Client { get; }

    public QueueView View => Endpoint.Queue(Name);

    public static async Task<TestQueue> StartAsync(Action<QueueOptions>? configure = null, TimeProvider? clock = null)
    {
        var queue = new QueueOptions(Name) { LockDuration = TimeSpan.FromSeconds(30) };
        configure?.Invoke(queue);
        var options = new EndpointOptions { Queues = { queue } };
        if (clock is not null)
        {
            options.TimeProvider = clock;
        }

        var endpoint = await ServiceBusEndpoint.StartAsync(options);
        var client = new ServiceBusClient(endpoint.ConnectionString, new ServiceBusClientOptions
        {
            // Fail fast instead of retrying for minutes when the endpoint misbehaves.
            RetryOptions = new ServiceBusRetryOptions
            {
                TryTimeout = TimeSpan.FromSeconds(15), MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(100)
            },
        });
        return new TestQueue(endpoint, client);
    }

    public ServiceBusSender Sender() => Client.CreateSender(Name);

    public ServiceBusReceiver Receiver(ServiceBusReceiveMode mode = ServiceBusReceiveMode.PeekLock) =>
        Client.CreateReceiver(Name, new ServiceBusReceiverOptions { ReceiveMode = mode });

    public ServiceBusReceiver DeadLetterReceiver() =>
        Client.CreateReceiver(Name, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Endpoint.DisposeAsync();
    }
}
