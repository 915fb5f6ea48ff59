using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;
using Ssl.Cloud.Core.Resilience;

namespace Ssl.Cloud.Core.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    readonly FakeTimeProvider time = new(TestData.Now);
    readonly ListLogger log = new();
    readonly ResiliencePipeline pipeline;
    int storageCalls;

    public CircuitBreakerTests() => pipeline = StorageResilience.CreatePipeline(new StorageResilienceOptions
    {
        MaxRetryAttempts = 1,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        BreakerFailureRatio = 0.5,
        BreakerMinimumThroughput = 4,
        BreakerSamplingDuration = TimeSpan.FromSeconds(30),
        BreakerBreakDuration = TimeSpan.FromSeconds(20),
    }, time, log);

    Task<int> CallAsync(bool storageIsDown) => pipeline.ExecuteAsync(_ =>
    {
        Interlocked.Increment(ref storageCalls);
        return storageIsDown ? ValueTask.FromException<int>(new RequestFailedException(503, "Server busy")) : ValueTask.FromResult(1);
    }).AsTask();

    /// <summary>One operation against storage that is down: a try, a retry after its delay, both failed.</summary>
    async Task FailOnceAsync()
    {
        var retriesBefore = log.RetryDelays.Count;
        var call = CallAsync(storageIsDown: true);
        await Eventually.TrueAsync(() => log.RetryDelays.Count > retriesBefore || call.IsCompleted, "a retry or an outcome");
        if (!call.IsCompleted) time.Advance(log.RetryDelays[^1]);
        await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_later_calls_fail_fast_without_touching_storage()
    {
        await FailOnceAsync();
        await FailOnceAsync();
        var callsWhenOpened = storageCalls;

        var error = await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(storageIsDown: false));

        Assert.Equal(4, callsWhenOpened);
        Assert.Equal(callsWhenOpened, storageCalls);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("Storage circuit opened"));
        Assert.IsType<RequestFailedException>(error.InnerException);
    }

    [Fact]
    public async Task After_the_break_one_successful_call_closes_the_circuit_again()
    {
        await FailOnceAsync();
        await FailOnceAsync();

        time.Advance(TimeSpan.FromSeconds(19));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(storageIsDown: false));
        time.Advance(TimeSpan.FromSeconds(1));
        var probe = await CallAsync(storageIsDown: false);
        var after = await CallAsync(storageIsDown: false);

        Assert.Equal((1, 1), (probe, after));
        Assert.Equal(6, storageCalls);
        Assert.Contains(log.Entries, e => e.Message == "Storage circuit closed");
    }

    [Fact]
    public async Task A_probe_that_fails_after_the_break_opens_the_circuit_again()
    {
        await FailOnceAsync();
        await FailOnceAsync();
        time.Advance(TimeSpan.FromSeconds(20));

        var probe = CallAsync(storageIsDown: true);
        await Eventually.TrueAsync(() => log.RetryDelays.Count == 3, "the probe's retry");
        time.Advance(log.RetryDelays[^1]);

        // The probe's own retry already meets the re-opened circuit.
        await Assert.ThrowsAsync<BrokenCircuitException>(() => probe.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CallAsync(storageIsDown: false));
        Assert.Equal(5, storageCalls);
    }
}
