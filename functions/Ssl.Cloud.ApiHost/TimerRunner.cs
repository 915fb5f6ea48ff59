using System.Collections.Concurrent;

namespace Ssl.Cloud.ApiHost;

/// <summary>Runs one timer Function at a time, as the Functions host does (a timer is a singleton): a tick
/// that comes while the previous one still runs waits for it.</summary>
public sealed class TimerRunner(IServiceProvider services, ILogger<TimerRunner> log)
{
    readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public async Task RunAsync(TimerFunction timer, bool pastDue, CancellationToken ct)
    {
        var gate = gates.GetOrAdd(timer.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            log.LogDebug("Timer {Function} fires (past due: {PastDue})", timer.Name, pastDue);
            await FunctionInvoker.InvokeTimerAsync(services, timer.Method, pastDue, ct);
        }
        finally
        {
            gate.Release();
        }
    }
}
