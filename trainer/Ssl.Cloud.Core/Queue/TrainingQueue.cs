using Azure.Messaging.ServiceBus;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Queue;

/// <summary>Sends training requests to the queue the workers receive from. The broker keeps
/// duplicates out (MessageId = run id); the Service Bus SDK retries sends itself, so there is
/// no resilience pipeline here.</summary>
public sealed class TrainingQueue(ServiceBusSender sender)
{
    public const string DefaultQueueName = "training";

    public string QueueName => sender.EntityPath;

    public Task SendAsync(TrainingRequest request, CancellationToken ct = default) =>
        sender.SendMessageAsync(TrainingMessage.Create(request), ct);

    /// <summary>Enqueues the request to become visible at <paramref name="enqueueAt"/>.</summary>
    /// <returns>The sequence number that <see cref="CancelScheduledAsync"/> takes.</returns>
    public Task<long> ScheduleAsync(
        TrainingRequest request, DateTimeOffset enqueueAt, CancellationToken ct = default) =>
        sender.ScheduleMessageAsync(TrainingMessage.Create(request), enqueueAt, ct);

    public Task CancelScheduledAsync(long sequenceNumber, CancellationToken ct = default) =>
        sender.CancelScheduledMessageAsync(sequenceNumber, ct);
}
