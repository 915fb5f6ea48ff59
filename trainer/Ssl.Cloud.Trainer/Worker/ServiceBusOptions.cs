using Ssl.Cloud.Core.Queue;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>The queue of training requests; section <see cref="Section"/> (environment: <c>ServiceBus__ConnectionString</c>).</summary>
public sealed class ServiceBusOptions
{
    public const string Section = "ServiceBus";

    public string? ConnectionString { get; set; }

    public string QueueName { get; set; } = TrainingQueue.DefaultQueueName;

    /// <summary>The queue of pack requests, received by <c>ssl worker --queue pack</c>.</summary>
    public string PackQueueName { get; set; } = PackQueue.DefaultQueueName;

    /// <summary>One try of one Service Bus operation (a receive, a settlement, a lock renewal).</summary>
    public TimeSpan TryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxRetries { get; set; } = 3;
}
