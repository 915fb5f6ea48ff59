namespace Ssl.Cloud.ApiHost;

/// <summary>The host's clock when test hooks are on: real time shifted by an offset that a test sets
/// (<c>POST /admin/clock</c>). It keeps running after a set, so leases and timeouts still behave.</summary>
public sealed class TestClock(TimeProvider real) : TimeProvider
{
    long offsetTicks;

    public override DateTimeOffset GetUtcNow() =>
        real.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref offsetTicks, (now - real.GetUtcNow()).Ticks);
}
