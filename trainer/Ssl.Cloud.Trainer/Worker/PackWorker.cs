using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary><c>ssl worker --queue pack</c>: the CPU job that packs committed datasets, one request at a time in
/// peek-lock with the lock renewed while it packs, from <see cref="ServiceBusOptions.PackQueueName"/>. With
/// <see cref="WorkerOptions.Once"/> (<c>--once</c>, one Container Apps Job execution) it handles one request, or
/// none within <see cref="WorkerOptions.ReceiveWait"/>, and stops the host.</summary>
public sealed class PackWorker(ServiceBusClient client, PackMessageHandler handler, DatasetStore datasets,
    IOptions<ServiceBusOptions> queue, IOptions<WorkerOptions> options, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<PackWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await datasets.EnsureCreatedAsync(stoppingToken);
            if (options.Value.Once) await HandleOneAsync(stoppingToken);
            else await HandleUntilStoppedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            log.LogInformation("Worker {WorkerId} stopped", options.Value.WorkerId);
        }
        if (options.Value.Once) lifetime.StopApplication();
    }

    async Task HandleOneAsync(CancellationToken stoppingToken)
    {
        await using var receiver = client.CreateReceiver(queue.Value.PackQueueName,
            new ServiceBusReceiverOptions { PrefetchCount = 0, ReceiveMode = ServiceBusReceiveMode.PeekLock });
        var message = await receiver.ReceiveMessageAsync(options.Value.ReceiveWait, stoppingToken);
        if (message is null)
        {
            log.LogInformation("Worker {WorkerId}: no pack request within {ReceiveWait}; exiting",
                options.Value.WorkerId, options.Value.ReceiveWait);
            return;
        }
        var renewal = new MessageLockRenewal(receiver, message, options.Value.MaxLockRenewal, time, log);
        await using (renewal)
            await handler.HandleAsync(new ProcessMessageEventArgs(message, receiver, stoppingToken));
    }

    async Task HandleUntilStoppedAsync(CancellationToken stoppingToken)
    {
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
        log.LogInformation("Worker {WorkerId} packing from {Queue}", options.Value.WorkerId,
            queue.Value.PackQueueName);
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
