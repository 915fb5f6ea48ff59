namespace Ssl.Training.Data.Packing;

/// <summary>Counts bytes held against a limit; an acquire waits until enough is released. Also remembers the peak,
/// which is how tests see that streaming memory stays bounded.</summary>
internal sealed class ByteBudget(long limit)
{
    readonly SemaphoreSlim released = new(0);
    readonly Lock gate = new();
    long inUse;
    long peak;

    public long InUse { get { lock (gate) return inUse; } }
    public long Peak { get { lock (gate) return peak; } }

    public async Task AcquireAsync(long bytes, CancellationToken ct)
    {
        if (bytes > limit) throw new InvalidOperationException($"{bytes} bytes can never fit a budget of {limit}");
        while (true)
        {
            lock (gate)
            {
                if (inUse + bytes <= limit)
                {
                    inUse += bytes;
                    peak = Math.Max(peak, inUse);
                    return;
                }
            }
            await released.WaitAsync(ct);
        }
    }

    public void Release(long bytes)
    {
        lock (gate) inUse -= bytes;
        released.Release();
    }
}
