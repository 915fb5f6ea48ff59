using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary><c>ssl worker</c>: first marks the runs of dead-lettered messages Failed (<see cref="DeadLetterHandler"/>;
/// every start sweeps, so no person has to), then receives training messages in peek-lock (no prefetch, so no other
/// message sits locked while a run trains), with the lock renewed for the whole run, and hands each to
/// <see cref="TrainingMessageHandler"/>. With <see cref="WorkerOptions.Once"/> it handles one message (or none within
/// <see cref="WorkerOptions.ReceiveWait"/>) and stops the host. Stopping the host (SIGTERM) or
/// <see cref="WorkerOptions.Deadline"/> coming (<see cref="WorkerDeadline"/>; it stops the host too) cancels the
/// running attempt, which checkpoints at the next step and gives the message back within
/// <see cref="WorkerOptions.GracePeriod"/>.</summary>
public sealed class TrainingWorker(ServiceBusClient client, TrainingMessageHandler handler,
    DeadLetterHandler deadLetters, RunStore runs, DatasetStore datasets, IOptions<ServiceBusOptions> queue,
    IOptions<WorkerOptions> options, WorkerDeadline deadlines, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<TrainingWorker> log)
    : BackgroundService
{
    WorkerOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var deadline = StartDeadline();
        // The deadline cancels the work itself, at once, as well as stopping the host: an attempt then stops at the
        // step the deadline comes in, not at whichever step the host's stop reaches it.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        try
        {
            await runs.EnsureCreatedAsync(stopping.Token);
            await datasets.EnsureCreatedAsync(stopping.Token);
            await SweepDeadLettersAsync(stopping.Token);
            if (Settings.Once)
                await HandleOneAsync(stopping.Token);
            else
                await HandleUntilStoppedAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            log.LogInformation("Worker {WorkerId} stopped before it received a message", Settings.WorkerId);
        }
        if (Settings.Once) lifetime.StopApplication();
    }

    /// <summary>Cancelled at the deadline, when it also stops the host as SIGTERM would: the checkpoint, its upload and
    /// the message's return then take up to the grace period, which the job's replicaTimeout leaves room for.</summary>
    CancellationTokenSource StartDeadline()
    {
        var source = deadlines.Start();
        if (Settings.Deadline is not { } deadline) return source;
        log.LogInformation("Worker {WorkerId}: deadline in {Deadline}", Settings.WorkerId, deadline);
        source.Token.Register(() =>
        {
            log.LogWarning("Worker {WorkerId}: deadline {Deadline} reached; stopping within {GracePeriod}",
                Settings.WorkerId, deadline, Settings.GracePeriod);
            lifetime.StopApplication();
        });
        return source;
    }

    /// <summary>Housekeeping: a failure here (the dead-letter queue unreachable) is logged; training goes on.</summary>
    async Task SweepDeadLettersAsync(CancellationToken ct)
    {
        try
        {
            var handled = await deadLetters.DrainAsync(ct);
            if (handled > 0)
                log.LogInformation("Worker {WorkerId}: {Count} dead-lettered run(s) marked",
                    Settings.WorkerId, handled);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Worker {WorkerId}: the dead-letter sweep failed; training goes on", Settings.WorkerId);
        }
    }

    async Task HandleOneAsync(CancellationToken stoppingToken)
    {
        await using var receiver = client.CreateReceiver(queue.Value.QueueName,
            new ServiceBusReceiverOptions { PrefetchCount = 0, ReceiveMode = ServiceBusReceiveMode.PeekLock });
        log.LogInformation("Worker {WorkerId} receiving one message from {Queue}",
            Settings.WorkerId, queue.Value.QueueName);
        var message = await receiver.ReceiveMessageAsync(Settings.ReceiveWait, stoppingToken);
        if (message is null)
        {
            log.LogInformation("Worker {WorkerId}: no message within {ReceiveWait}; exiting",
                Settings.WorkerId, Settings.ReceiveWait);
            return;
        }
        var renewal = new MessageLockRenewal(receiver, message, Settings.MaxLockRenewal, time, log);
        await using (renewal)
        {
            try
            {
                var args = new ProcessMessageEventArgs(message, receiver, stoppingToken);
                await handler.HandleAsync(args);
            }
            catch (ServiceBusException e) when (e.Reason == ServiceBusFailureReason.MessageLockLost)
            {
                // The run's status is written before settlement; the redelivery finds it and settles accordingly.
                log.LogWarning(e, "Message {MessageId}: lock lost before settlement; it will be redelivered",
                    message.MessageId);
            }
        }
    }

    async Task HandleUntilStoppedAsync(CancellationToken stoppingToken)
    {
        await using var processor = client.CreateProcessor(queue.Value.QueueName, new ServiceBusProcessorOptions
        {
            MaxConcurrentCalls = 1,
            PrefetchCount = 0,
            AutoCompleteMessages = false,
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            MaxAutoLockRenewalDuration = Settings.MaxLockRenewal,
        });
        processor.ProcessMessageAsync += args => handler.HandleAsync(args);
        processor.ProcessErrorAsync += args =>
        {
            log.LogWarning(args.Exception, "Service Bus {ErrorSource} error on {EntityPath}",
                args.ErrorSource, args.EntityPath);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync(stoppingToken);
        log.LogInformation("Worker {WorkerId} receiving from {Queue}", Settings.WorkerId, queue.Value.QueueName);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        log.LogInformation("Worker {WorkerId} stopping; waiting for the running attempt to checkpoint and give its "
            + "message back", Settings.WorkerId);
        // Waits for the running handler, whose token is cancelled now.
        await processor.StopProcessingAsync(CancellationToken.None);
        log.LogInformation("Worker {WorkerId} stopped", Settings.WorkerId);
    }
}
