using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Keeps one received message locked while its run trains, as <see cref="ServiceBusProcessor"/> does for the
/// messages it delivers (<c>ssl worker --once</c> receives with a plain <see cref="ServiceBusReceiver"/>, so that it
/// never takes a second message): renews when half of the lock is left, for at most <c>maxRenewal</c>. A lost lock is
/// logged; the run's blob lease, not the lock, is what keeps a second worker from training it.</summary>
public sealed class MessageLockRenewal : IAsyncDisposable
{
    static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(200);

    readonly CancellationTokenSource stop = new();
    readonly Task loop;

    public MessageLockRenewal(ServiceBusReceiver receiver, ServiceBusReceivedMessage message, TimeSpan maxRenewal,
        TimeProvider time, ILogger log)
    {
        loop = RenewAsync(receiver, message, time.GetUtcNow() + maxRenewal, time, log);
    }

    async Task RenewAsync(ServiceBusReceiver receiver, ServiceBusReceivedMessage message, DateTimeOffset until,
        TimeProvider time, ILogger log)
    {
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                var wait = (message.LockedUntil - now) / 2;
                if (now + wait >= until) return;
                await Task.Delay(wait > MinimumWait ? wait : MinimumWait, time, stop.Token);
                await receiver.RenewMessageLockAsync(message, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (ServiceBusException e)
        {
            log.LogWarning(e, "Message {MessageId}: lock renewal failed ({Reason}); the message will be redelivered",
                message.MessageId, e.Reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
