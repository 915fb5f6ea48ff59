using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary><c>ssl worker</c>: receives one training message at a time in peek-lock (no prefetch, so no other
/// message sits locked while a run trains), with the SDK renewing the lock for the whole run, and hands it to
/// <see cref="TrainingMessageHandler"/>. Stopping the host cancels the running attempt, which checkpoints at the
/// next step and gives the message back within <see cref="WorkerOptions.GracePeriod"/>.</summary>
public sealed class TrainingWorker(ServiceBusClient client, TrainingMessageHandler handler, RunStore runs, DatasetStore datasets,
    IOptions<ServiceBusOptions> queue, IOptions<WorkerOptions> options, ILogger<TrainingWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await runs.EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
        await datasets.EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
        await using var processor = client.CreateProcessor(queue.Value.QueueName, new ServiceBusProcessorOptions
        {
            MaxConcurrentCalls = 1,
            PrefetchCount = 0,
            AutoCompleteMessages = false,
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            MaxAutoLockRenewalDuration = options.Value.MaxLockRenewal,
        });
        processor.ProcessMessageAsync += args => handler.HandleAsync(args);
        processor.ProcessErrorAsync += args =>
        {
            log.LogWarning(args.Exception, "Service Bus {ErrorSource} error on {EntityPath}", args.ErrorSource, args.EntityPath);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync(stoppingToken).ConfigureAwait(false);
        log.LogInformation("Worker {WorkerId} receiving from {Queue}", options.Value.WorkerId, queue.Value.QueueName);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        log.LogInformation("Worker {WorkerId} stopping; waiting for the running attempt to checkpoint and give its message back", options.Value.WorkerId);
        // Waits for the running handler, whose token is cancelled now.
        await processor.StopProcessingAsync(CancellationToken.None).ConfigureAwait(false);
        log.LogInformation("Worker {WorkerId} stopped", options.Value.WorkerId);
    }
}
