using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using Ssl.Cloud.Core.Resilience;

namespace Ssl.Cloud.Core.Tests.Resilience;

public sealed class TimeoutTests
{
    readonly FakeTimeProvider time = new(TestData.Now);
    readonly ListLogger log = new();

    StorageResilienceOptions Options() => new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromSeconds(1),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(25),
        BreakerMinimumThroughput = 1000,
    };

    async Task<int> HangAsync(CancellationToken ct)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
        return 0;
    }

    [Fact]
    public async Task A_try_that_hangs_is_cancelled_at_the_attempt_timeout_and_the_retry_succeeds()
    {
        var pipeline = StorageResilience.CreatePipeline(Options(), time, log);
        var tries = 0;
        var cancelled = false;

        var run = pipeline.ExecuteAsync(async ct =>
        {
            if (Interlocked.Increment(ref tries) > 1) return 7;
            try { return await HangAsync(ct); }
            catch (OperationCanceledException) { cancelled = true; throw; }
        }).AsTask();
        await Eventually.TrueAsync(() => tries == 1, "the first try");
        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(30);
        Assert.False(cancelled);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => log.RetryDelays.Count == 1, "the retry after the timeout");
        time.Advance(log.RetryDelays[0]);

        Assert.Equal(7, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(cancelled);
        Assert.IsType<TimeoutRejectedException>(log.Entries.Single(e => e.Values.ContainsKey("RetryDelay")).Exception);
    }

    [Fact]
    public async Task An_operation_that_keeps_hanging_fails_at_the_total_timeout_with_a_timeout_error()
    {
        var pipeline = StorageResilience.CreatePipeline(Options(), time, log);
        var tries = 0;

        var run = pipeline.ExecuteAsync(ct =>
        {
            Interlocked.Increment(ref tries);
            return new ValueTask<int>(HangAsync(ct));
        }).AsTask();
        // Each try hangs 10 s and waits for its retry delay: the third try is still hanging at 25 s.
        for (var elapsed = 0; elapsed < 26 && !run.IsCompleted; elapsed++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.InRange(tries, 2, 3);
        Assert.True(time.GetUtcNow() - TestData.Now <= TimeSpan.FromSeconds(26));
    }
}
