using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary><c>ssl worker --dead-letters</c>: reads <c>&lt;queue&gt;/$DeadLetterQueue</c> until it is empty, marks each
/// message's run Failed with the dead-letter reason and its attempt history, and completes the message. The broker
/// dead-letters a run whose deliveries all failed (<c>MaxDeliveryCountExceeded</c>) without anyone writing its status.</summary>
public sealed class DeadLetterHandler(ServiceBusClient client, RunStore runs, IOptions<ServiceBusOptions> queue, TimeProvider time,
    ILogger<DeadLetterHandler> log)
{
    /// <summary>How long an empty dead-letter queue is waited on before the drain ends.</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(3);

    /// <returns>How many dead-lettered messages were handled.</returns>
    public async Task<int> DrainAsync(CancellationToken ct)
    {
        await using var receiver = client.CreateReceiver(queue.Value.QueueName,
            new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, PrefetchCount = 0 });
        var handled = 0;
        while (await receiver.ReceiveMessageAsync(IdleWait, ct).ConfigureAwait(false) is { } message)
        {
            var reason = $"dead-lettered ({message.DeadLetterReason ?? "no reason"}): {message.DeadLetterErrorDescription ?? "no description"}";
            if (Identifier.IsValid(message.MessageId))
            {
                await runs.EnsureStatusAsync(message.MessageId, ct).ConfigureAwait(false);
                var status = await runs.UpdateStatusAsync(message.MessageId,
                    s => s.IsTerminal ? s : s.Fail($"{reason}; after {message.DeliveryCount} deliveries, {History(s)}", time.GetUtcNow()), ct).ConfigureAwait(false);
                log.LogWarning("Run {RunId} {State} after dead-lettering: {Reason}", message.MessageId, status.State, reason);
            }
            else
            {
                log.LogWarning("Dead-lettered message {MessageId} names no run: {Reason}", message.MessageId, reason);
            }
            await receiver.CompleteMessageAsync(message, ct).ConfigureAwait(false);
            handled++;
        }
        return handled;
    }

    static string History(RunStatus status) => status.Attempts.Count == 0
        ? "no attempt started"
        : "attempts: " + string.Join("; ", status.Attempts.Select(a =>
            $"#{a.Number} on {a.WorkerId} {(a.Outcome?.ToString().ToLowerInvariant() ?? "lost")}{(a.Detail is null ? "" : $" ({a.Detail})")}"));
}
