using Azure.Messaging.ServiceBus;

namespace Ssl.Cloud.Core.Queue;

/// <summary>Sends pack requests to the queue that <c>ssl worker --queue pack</c> receives from: call it when a
/// dataset becomes Ready, so that its first run finds it packed. Without a pack queue the training worker
/// packs.</summary>
public sealed class PackQueue(ServiceBusSender sender)
{
    public const string DefaultQueueName = "pack";

    public string QueueName => sender.EntityPath;

    public Task SendAsync(string datasetId, int resolution, CancellationToken ct = default) =>
        sender.SendMessageAsync(new PackRequest(datasetId, resolution).ToMessage(), ct);
}
