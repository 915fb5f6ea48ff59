using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Ssl.Cloud.Core.Tests.Resilience;

/// <summary>A <see cref="FakeTimeProvider"/> that keeps the timers made on it, so that a test knows for certain where
/// the pipeline is: a retry's delay has begun once its timer exists (the retry strategy announces the delay a moment
/// before it makes the timer), and it has ended exactly when <see cref="Advance"/> fires that timer, synchronously.
/// What the delay releases then runs a moment later on the thread pool.</summary>
sealed class WatchedClock(DateTimeOffset start) : TimeProvider
{
    readonly FakeTimeProvider fake = new(start);
    readonly ConcurrentQueue<Watch> timers = new();

    public void Advance(TimeSpan delta) => fake.Advance(delta);

    /// <summary>Whether a timer made for a delay of <paramref name="delay"/> waits still. <c>Task.Delay</c> on a
    /// <see cref="TimeProvider"/> makes its timer due in whole milliseconds, the delay rounded down.</summary>
    public bool IsWaiting(TimeSpan delay) =>
        timers.Any(t => !t.Fired && t.DueTime <= delay && delay - t.DueTime < TimeSpan.FromMilliseconds(1));

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();
    public override long GetTimestamp() => fake.GetTimestamp();
    public override long TimestampFrequency => fake.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watch = new Watch(dueTime);
        timers.Enqueue(watch);
        return fake.CreateTimer(s =>
        {
            watch.Fired = true;
            callback(s);
        }, state, dueTime, period);
    }

    sealed class Watch(TimeSpan dueTime)
    {
        public TimeSpan DueTime => dueTime;
        public volatile bool Fired;
    }
}
