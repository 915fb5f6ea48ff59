using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>The endpoint's queues by name (case-insensitive), each with its dead-letter queue, and the timer
/// that applies the clock to all of them.</summary>
internal sealed class QueueRegistry : IDisposable
{
    readonly ConcurrentDictionary<string, BrokerQueue> queues = new(StringComparer.OrdinalIgnoreCase);
    readonly bool autoCreate;
    readonly TimeProvider clock;
    readonly ITimer sweeper;
    int sweeping;

    public QueueRegistry(EndpointOptions options)
    {
        autoCreate = options.AutoCreateQueues;
        clock = options.TimeProvider;
        foreach (var queue in options.Queues)
        {
            queue.Validate();
            if (!queues.TryAdd(queue.Name, Create(queue)))
            {
                throw new ArgumentException($"Queue '{queue.Name}' is configured twice.");
            }
        }

        sweeper = clock.CreateTimer(_ => Sweep(), null, options.SweepInterval, options.SweepInterval);
    }

    /// <summary>The queue named <paramref name="name"/>, created with default options if allowed.</summary>
    public BrokerQueue? Find(string name)
    {
        if (queues.TryGetValue(name, out var queue))
        {
            return queue;
        }

        if (!autoCreate)
        {
            return null;
        }

        var options = new QueueOptions(name);
        options.Validate();
        return queues.GetOrAdd(name, _ => Create(options));
    }

    public void Dispose() => sweeper.Dispose();

    BrokerQueue Create(QueueOptions options)
    {
        var deadLetterOptions = new QueueOptions($"{options.Name}/{ServiceBusNames.DeadLetterSuffix}")
        {
            LockDuration = options.LockDuration,
            MaxMessageSizeInBytes = options.MaxMessageSizeInBytes,
        };
        return new BrokerQueue(options, clock, new BrokerQueue(deadLetterOptions, clock, null));
    }

    void Sweep()
    {
        // A slow sweep must not overlap the next tick.
        if (Interlocked.Exchange(ref sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var queue in queues.Values)
            {
                queue.Sweep();
                queue.DeadLetterQueue?.Sweep();
            }
        }
        catch (Exception exception)
        {
            // A timer callback that throws would take the test host down with it.
            Trace.TraceError("Service Bus endpoint sweep failed: {0}", exception);
        }
        finally
        {
            Volatile.Write(ref sweeping, 0);
        }
    }
}
