namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>Polls a condition (blob state, queue counts) until it holds or a generous deadline passes.</summary>
static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, Func<T, bool> done, TimeSpan timeout,
        string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        T? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await probe();
            if (last is not null && done(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"timed out after {timeout} waiting for {what}; last seen: {last}");
    }

    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {timeout} waiting for {what}");
            await Task.Delay(100);
        }
    }
}
