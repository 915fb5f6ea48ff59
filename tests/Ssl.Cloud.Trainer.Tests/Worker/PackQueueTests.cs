using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;
using Ssl.ServiceBus.Endpoint;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary><c>ssl worker --queue pack</c> (here its host in-process, configured as the command configures it):
/// a pack request for a committed dataset ends with the dataset marked packed and the message completed; one that
/// can never succeed is dead-lettered with its reason.</summary>
[Collection(WorkerCollection.Name)]
public sealed class PackQueueTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_pack_request_packs_the_dataset_once_and_one_for_a_missing_dataset_is_dead_lettered()
    {
        var (store, datasetId) = await UploadedDatasets.UploadAsync(azurite, 120);
        await using var endpoint = await ServiceBusEndpoint.StartAsync(new EndpointOptions
        {
            Queues =
            {
                new QueueOptions(PackQueue.DefaultQueueName)
                {
                    LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 3
                }
            },
        });
        await using var client = new ServiceBusClient(endpoint.ConnectionString);
        using var work = new TempFolder();
        using var host = WorkerHost.Build([$"--Worker:Queue", WorkerOptions.PackQueue], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["ServiceBus:ConnectionString"] = endpoint.ConnectionString,
                ["Worker:WorkDirectory"] = work.Path,
                ["Logging:LogLevel:Default"] = "Warning",
            }));
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<PackWorker>());
        await host.StartAsync();
        try
        {
            await using var sender = client.CreateSender(PackQueue.DefaultQueueName);
            var queue = new PackQueue(sender);
            await queue.SendAsync(datasetId, 32);
            await queue.SendAsync("no-such-dataset", 32);

            var manifest = await Eventually.ValueAsync(async () => (await store.GetManifestAsync(datasetId))?.Value,
                m => m.PackedAt(32) is not null, TimeSpan.FromMinutes(5), "the dataset to be marked packed");
            Assert.Equal(120, manifest.PackedAt(32)!.ImageCount);
            var view = endpoint.Queue(PackQueue.DefaultQueueName);
            await Eventually.TrueAsync(() => view.ActiveCount + view.LockedCount == 0 && view.DeadLetterCount == 1,
                TimeSpan.FromMinutes(1), "the good request completed and the bad one dead-lettered");
        }
        finally
        {
            await host.StopAsync(TimeSpan.FromSeconds(30));
        }
    }
}
