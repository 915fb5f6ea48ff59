using Polly.Timeout;
using Ssl.Cloud.Core.Resilience;

namespace Ssl.Cloud.Core.Tests.Resilience;

public sealed class TimeoutTests
{
    static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(25);
    readonly WatchedClock time = new(TestData.Now);
    readonly ListLogger log = new();

    StorageResilienceOptions Options() => new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromSeconds(1),
        AttemptTimeout = AttemptTimeout,
        TotalTimeout = TotalTimeout,
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
        var firstTry = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;

        var run = pipeline.ExecuteAsync(async ct =>
        {
            if (!firstTry.TrySetResult(ct)) return 7;
            try { return await HangAsync(ct); }
            catch (OperationCanceledException) { cancelled = true; throw; }
        }).AsTask();
        var attempt = await firstTry.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // The timeout cancels the try's token in the timer's callback, which Advance runs before it returns.
        time.Advance(AttemptTimeout - TimeSpan.FromSeconds(1));
        Assert.False(attempt.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(attempt.IsCancellationRequested);
        await Eventually.TrueAsync(() => log.RetryDelays.Count == 1 && time.IsWaiting(log.RetryDelays[0]),
            "the retry after the timeout");
        time.Advance(log.RetryDelays[0]);

        Assert.Equal(7, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(cancelled);
        Assert.IsType<TimeoutRejectedException>(log.Entries.Single(e => e.Values.ContainsKey("RetryDelay")).Exception);
    }

    [Fact]
    public async Task An_operation_that_keeps_hanging_fails_at_the_total_timeout_with_a_timeout_error()
    {
        var options = Options();
        (options.BaseDelay, options.Randomizer) = (TimeSpan.FromMilliseconds(100), () => 0.5);
        var pipeline = StorageResilience.CreatePipeline(options, time, log);
        var tries = 0;

        var run = pipeline.ExecuteAsync(ct =>
        {
            Interlocked.Increment(ref tries);
            return new ValueTask<int>(HangAsync(ct));
        }).AsTask();
        // Each try hangs to its 10 s timeout, then waits a retry delay well under a second: the third try, begun
        // a little after 20 s, is still hanging at 25 s.
        for (var retry = 1; retry <= 2; retry++)
        {
            await Eventually.TrueAsync(() => Volatile.Read(ref tries) == retry, $"try {retry}");
            time.Advance(AttemptTimeout);
            await Eventually.TrueAsync(() => log.RetryDelays.Count == retry && time.IsWaiting(log.RetryDelays[^1]),
                $"retry {retry}");
            time.Advance(log.RetryDelays[^1]);
        }
        await Eventually.TrueAsync(() => Volatile.Read(ref tries) == 3, "try 3");
        var left = TotalTimeout - (time.GetUtcNow() - TestData.Now);
        // Nothing is due before the total timeout, so nothing can end the operation before it.
        time.Advance(left - TimeSpan.FromMilliseconds(1));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, tries);
    }
}
