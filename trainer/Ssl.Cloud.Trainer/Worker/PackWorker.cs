using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary><c>ssl worker --queue pack</c>: the CPU job that packs committed datasets, one request at a time in
/// peek-lock with the lock renewed while it packs, from <see cref="ServiceBusOptions.PackQueueName"/>.</summary>
public sealed class PackWorker(ServiceBusClient client, PackMessageHandler handler, DatasetStore datasets,
    IOptions<ServiceBusOptions> queue, IOptions<WorkerOptions> options, ILogger<PackWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await datasets.EnsureCreatedAsync(stoppingToken);
        await using var processor = client.CreateProcessor(queue.Value.PackQueueName, new ServiceBusProcessorOptions
        {
            MaxConcurrentCalls = 1,
            PrefetchCount = 0,
            AutoCompleteMessages = false,
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            MaxAutoLockRenewalDuration = options.Value.MaxLockRenewal,
        });
        processor.ProcessMessageAsync += handler.HandleAsync;
        processor.ProcessErrorAsync += args =>
        {
            log.LogWarning(args.Exception, "Service Bus {ErrorSource} error on {EntityPath}",
                args.ErrorSource, args.EntityPath);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync(stoppingToken);
        log.LogInformation("Worker {WorkerId} packing from {Queue}", options.Value.WorkerId, queue.Value.PackQueueName);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        await processor.StopProcessingAsync(CancellationToken.None);
    }
}
