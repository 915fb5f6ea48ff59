namespace Ssl.ServiceBus.Endpoint;

/// <summary>How a <see cref="ServiceBusEndpoint"/> listens and which queues it has.</summary>
public sealed class EndpointOptions
{
    /// <summary>The loopback address to listen on.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (see <see cref="ServiceBusEndpoint.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>Queues that exist from the start.</summary>
    public IList<QueueOptions> Queues { get; } = new List<QueueOptions>();

    /// <summary>Whether attaching to an unknown queue creates it with default <see cref="QueueOptions"/>.
    /// When false, such an attach fails the way Service Bus does (entity not found).</summary>
    public bool AutoCreateQueues { get; set; } = true;

    /// <summary>The clock for enqueue times, locks, schedules, TTL and duplicate detection.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How often locks, schedules and expiries are checked against <see cref="TimeProvider"/>.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}
