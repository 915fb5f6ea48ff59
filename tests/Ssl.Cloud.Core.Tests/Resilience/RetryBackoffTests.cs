using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Ssl.Cloud.Core.Resilience;

namespace Ssl.Cloud.Core.Tests.Resilience;

public sealed class RetryBackoffTests
{
    static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);

    static StorageResilienceOptions Options(Func<double>? randomizer = null) => new()
    {
        MaxRetryAttempts = 5,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        AttemptTimeout = TimeSpan.FromHours(1),
        TotalTimeout = TimeSpan.FromHours(2),
        BreakerMinimumThroughput = 1000,
        Randomizer = randomizer,
    };

    static ValueTask<int> Busy() => ValueTask.FromException<int>(new RequestFailedException(503, "Server busy"));

    [Fact]
    public async Task Retries_wait_exponentially_growing_delays_capped_at_the_maximum_and_never_try_early()
    {
        var time = new WatchedClock(TestData.Now);
        var log = new ListLogger();
        var pipeline = StorageResilience.CreatePipeline(Options(randomizer: () => 0.5), time, log);
        var tries = new ConcurrentQueue<DateTimeOffset>();

        var run = pipeline.ExecuteAsync(_ => { tries.Enqueue(time.GetUtcNow()); return Busy(); }).AsTask();
        for (var retry = 1; retry <= 5; retry++)
        {
            await Eventually.TrueAsync(() => log.RetryDelays.Count == retry && time.IsWaiting(log.RetryDelays[^1]),
                $"retry {retry} to be scheduled");
            var delay = log.RetryDelays[retry - 1];
            time.Advance(delay - OneMs);
            // The next try comes only when the delay's timer fires, and Advance fires what is due before it returns.
            Assert.True(time.IsWaiting(delay), $"retry {retry} came before its delay of {delay}");
            Assert.Equal(retry, tries.Count);
            time.Advance(OneMs);
            Assert.False(time.IsWaiting(delay), $"retry {retry} still waits after its delay of {delay}");
            await Eventually.TrueAsync(() => tries.Count == retry + 1, $"try {retry + 1}");
        }

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => run);
        Assert.Equal(503, error.Status);
        var delays = log.RetryDelays;
        var gaps = tries.Zip(tries.Skip(1), (a, b) => b - a).ToList();
        Assert.Equal(delays, gaps);
        Assert.All(delays.Zip(delays.Skip(1)),
            pair => Assert.True(pair.Second >= pair.First, $"{pair.Second} < {pair.First}"));
        Assert.True(delays[3] > 3 * delays[0], $"no exponential growth in {string.Join(", ", delays)}");
        Assert.Equal(TimeSpan.FromSeconds(8), delays[^1]);
    }

    [Fact]
    public async Task Jitter_spreads_the_retries_of_workers_that_failed_at_the_same_moment()
    {
        var firstDelays = new List<TimeSpan>();
        for (var worker = 0; worker < 20; worker++)
        {
            var log = new ListLogger();
            var pipeline = StorageResilience.CreatePipeline(Options(), new FakeTimeProvider(TestData.Now), log);
            using var stop = new CancellationTokenSource();
            var run = pipeline.ExecuteAsync(_ => Busy(), stop.Token).AsTask();
            await Eventually.TrueAsync(() => log.RetryDelays.Count == 1, "the first retry");
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            firstDelays.Add(log.RetryDelays[0]);
        }

        Assert.True(firstDelays.Distinct().Count() >= 15, $"delays barely differ: {string.Join(", ", firstDelays)}");
        Assert.All(firstDelays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(8)));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(400)]
    public async Task A_fault_that_trying_again_cannot_fix_is_not_retried(int status)
    {
        var pipeline = StorageResilience.CreatePipeline(Options(), new FakeTimeProvider(TestData.Now));
        var tries = 0;

        await Assert.ThrowsAsync<RequestFailedException>(() => pipeline.ExecuteAsync(_ =>
        {
            tries++;
            return ValueTask.FromException<int>(new RequestFailedException(status, "no"));
        }).AsTask());

        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task An_operation_that_recovers_returns_its_result_after_the_retries()
    {
        var time = new WatchedClock(TestData.Now);
        var log = new ListLogger();
        var pipeline = StorageResilience.CreatePipeline(Options(), time, log);
        var tries = 0;

        var run = pipeline.ExecuteAsync(_ => ++tries < 3
            ? ValueTask.FromException<int>(new IOException("reset"))
            : ValueTask.FromResult(42)).AsTask();
        for (var retry = 1; retry <= 2; retry++)
        {
            await Eventually.TrueAsync(() => log.RetryDelays.Count == retry && time.IsWaiting(log.RetryDelays[^1]),
                $"retry {retry}");
            time.Advance(log.RetryDelays[retry - 1]);
        }

        Assert.Equal(42, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, tries);
    }
}
