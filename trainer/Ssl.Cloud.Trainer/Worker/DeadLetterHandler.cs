using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Every <c>ssl worker</c> start (and <c>ssl worker --dead-letters</c>): reads
/// <c>&lt;queue&gt;/$DeadLetterQueue</c> until it is empty, marks each message's run Failed with the dead-letter reason
/// and its attempt history, and completes the message. The broker dead-letters a run whose deliveries all failed
/// (<c>MaxDeliveryCountExceeded</c>) without anyone writing its status; the next worker to start writes it.</summary>
public sealed class DeadLetterHandler(ServiceBusClient client, RunStore runs, IOptions<ServiceBusOptions> queue,
    TimeProvider time, ILogger<DeadLetterHandler> log)
{
    /// <summary>How long an empty dead-letter queue is waited on before the drain ends.</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(3);

    static readonly TimeSpan MaxLockRenewal = TimeSpan.FromMinutes(5);

    /// <returns>How many dead-lettered messages were handled.</returns>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        await using var receiver = client.CreateReceiver(queue.Value.QueueName,
            new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, PrefetchCount = 0 });
        var handled = 0;
        while (await receiver.ReceiveMessageAsync(IdleWait, ct) is { } message)
        {
            // Blob writes under load can outlast a short lock; a lost one would leave the message for the next sweep.
            await using (new MessageLockRenewal(receiver, message, MaxLockRenewal, time, log))
                await MarkFailedAsync(message, ct);
            await receiver.CompleteMessageAsync(message, ct);
            handled++;
        }
        return handled;
    }

    async Task MarkFailedAsync(ServiceBusReceivedMessage message, CancellationToken ct)
    {
        var reason = $"dead-lettered ({message.DeadLetterReason ?? "no reason"}): "
            + (message.DeadLetterErrorDescription ?? "no description");
        if (!Identifier.IsValid(message.MessageId))
        {
            log.LogWarning("Dead-lettered message {MessageId} names no run: {Reason}", message.MessageId, reason);
            return;
        }
        await runs.EnsureStatusAsync(message.MessageId, ct);
        var status = await runs.UpdateStatusAsync(message.MessageId,
            s => s.IsTerminal ? s : s.Fail($"{reason}; after {message.DeliveryCount} deliveries, {History(s)}",
                time.GetUtcNow()), ct);
        log.LogWarning("Run {RunId} {State} after dead-lettering: {Reason}", message.MessageId, status.State, reason);
    }

    static string History(RunStatus status) => status.Attempts.Count == 0
        ? "no attempt started"
        : "attempts: " + string.Join("; ", status.Attempts.Select(a =>
            $"#{a.Number} on {a.WorkerId} {(a.Outcome?.ToString().ToLowerInvariant() ?? "lost")}"
            + $"{(a.Detail is null ? "" : $" ({a.Detail})")}"));
}
