namespace Ssl.ServiceBus.Endpoint.Tests;

/// <summary>Real time plus an offset the test moves forward, so hour-long TTLs and windows pass at once while
/// the endpoint's timers keep running.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() =>
        base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}
