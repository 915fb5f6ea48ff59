using Azure;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Ssl.Cloud.Core.Resilience;

namespace Ssl.Cloud.Core.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(20);
    readonly WatchedClock time = new(TestData.Now);
    readonly ListLogger log = new();
    int storageCalls;

    ResiliencePipeline Pipeline(bool retryWhileOpen) => StorageResilience.CreatePipeline(new StorageResilienceOptions
    {
        MaxRetryAttempts = 1,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        BreakerFailureRatio = 0.5,
        BreakerMinimumThroughput = 4,
        BreakerSamplingDuration = TimeSpan.FromSeconds(30),
        BreakerBreakDuration = BreakDuration,
        RetryWhileCircuitOpen = retryWhileOpen,
    }, time, log);

    Task<int> CallAsync(ResiliencePipeline pipeline, bool storageIsDown) => pipeline.ExecuteAsync(_ =>
    {
        Interlocked.Increment(ref storageCalls);
        return storageIsDown
            ? ValueTask.FromException<int>(new RequestFailedException(503, "Server busy"))
            : ValueTask.FromResult(1);
    }).AsTask();

    /// <summary>Two operations against storage that is down, each a try and a retry: four failed tries open the
    /// circuit.</summary>
    async Task OpenTheCircuitAsync(ResiliencePipeline pipeline)
    {
        for (var operation = 1; operation <= 2; operation++)
        {
            var call = CallAsync(pipeline, storageIsDown: true);
            await Eventually.TrueAsync(() => log.RetryDelays.Count == operation && time.IsWaiting(log.RetryDelays[^1]),
                "a retry");
            time.Advance(log.RetryDelays[^1]);
            await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.Equal(4, storageCalls);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("Storage circuit opened"));
    }

    [Fact]
    public async Task Set_to_fail_fast_an_open_circuit_rejects_calls_at_once_without_touching_storage()
    {
        var pipeline = Pipeline(retryWhileOpen: false);
        await OpenTheCircuitAsync(pipeline);

        var error = await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(pipeline, storageIsDown: false));

        Assert.Equal(4, storageCalls);
        Assert.IsType<RequestFailedException>(error.InnerException);
    }

    [Fact]
    public async Task By_default_an_operation_that_meets_an_open_circuit_waits_for_the_break_to_end_and_then_succeeds()
    {
        var pipeline = Pipeline(retryWhileOpen: true);
        await OpenTheCircuitAsync(pipeline);

        var call = CallAsync(pipeline, storageIsDown: false);
        await Eventually.TrueAsync(() => log.RetryDelays.Count == 3 && time.IsWaiting(log.RetryDelays[^1]),
            "the wait for the circuit");
        var wait = log.RetryDelays[^1];
        time.Advance(BreakDuration - TimeSpan.FromSeconds(1));
        // The call tries again only when its wait's timer fires, and Advance fires what is due before it returns.
        Assert.True(time.IsWaiting(wait), $"the wait of {wait} ended before the break of {BreakDuration}");
        Assert.Equal(4, storageCalls);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(5, storageCalls);
        Assert.True(log.RetryDelays[^1] <= BreakDuration, $"waited {log.RetryDelays[^1]}");
        Assert.Contains(log.Entries, e => e.Message == "Storage circuit closed");
    }

    [Fact]
    public async Task After_the_break_one_successful_call_closes_the_circuit_for_everyone()
    {
        var pipeline = Pipeline(retryWhileOpen: false);
        await OpenTheCircuitAsync(pipeline);

        time.Advance(BreakDuration - TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(pipeline, storageIsDown: false));
        time.Advance(TimeSpan.FromSeconds(1));
        var probe = await CallAsync(pipeline, storageIsDown: false);
        var after = await CallAsync(pipeline, storageIsDown: false);

        Assert.Equal((1, 1), (probe, after));
        Assert.Equal(6, storageCalls);
    }

    [Fact]
    public async Task A_probe_that_fails_after_the_break_opens_the_circuit_again()
    {
        var pipeline = Pipeline(retryWhileOpen: false);
        await OpenTheCircuitAsync(pipeline);
        time.Advance(BreakDuration);

        var probe = CallAsync(pipeline, storageIsDown: true);
        await Eventually.TrueAsync(() => log.RetryDelays.Count == 3 && time.IsWaiting(log.RetryDelays[^1]),
            "the probe's retry");
        time.Advance(log.RetryDelays[^1]);

        // The probe's own retry already meets the re-opened circuit.
        await Assert.ThrowsAsync<BrokenCircuitException>(() => probe.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(pipeline, storageIsDown: false));
        Assert.Equal(5, storageCalls);
    }
}
