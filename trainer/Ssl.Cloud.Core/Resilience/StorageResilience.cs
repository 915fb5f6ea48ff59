using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Ssl.Cloud.Core.Resilience;

/// <summary>The one resilience pipeline around whole storage operations (a checkpoint upload,
/// a status update, a manifest read), and the Blob SDK options that go with it.</summary>
/// <remarks>Outer to inner: total timeout, retry (exponential, jittered), circuit breaker,
/// per-try timeout. The breaker sits inside the retry so that it counts tries; a try that meets
/// the open circuit is retried when the break ends (<see cref="StorageResilienceOptions.RetryWhileCircuitOpen"/>),
/// so a long operation rides out a short outage without hammering storage through it.</remarks>
public static class StorageResilience
{
    public static ResiliencePipeline CreatePipeline(
        StorageResilienceOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        options ??= new StorageResilienceOptions();
        logger ??= NullLogger.Instance;
        var builder = new ResiliencePipelineBuilder { Name = "storage", TimeProvider = time ?? TimeProvider.System };
        var handled = new PredicateBuilder().Handle<Exception>(TransientStorageFaults.IsTransient);
        var retried = options.RetryWhileCircuitOpen
            ? new PredicateBuilder()
                .Handle<Exception>(e => e is BrokenCircuitException || TransientStorageFaults.IsTransient(e))
            : handled;

        var retry = new RetryStrategyOptions
        {
            ShouldHandle = retried,
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            // An open circuit says when it may close; other faults take the jittered backoff (null).
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is BrokenCircuitException broken
                ? broken.RetryAfter ?? options.BreakerBreakDuration
                : (TimeSpan?)null),
            OnRetry = args =>
            {
                logger.LogWarning(args.Outcome.Exception,
                    "Storage operation failed on try {Attempt}; retrying in {RetryDelay}",
                    args.AttemptNumber + 1, args.RetryDelay);
                return default;
            },
        };
        if (options.Randomizer is { } randomizer) retry.Randomizer = randomizer;

        return builder
            .AddTimeout(options.TotalTimeout)
            .AddRetry(retry)
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = handled,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                OnOpened = args =>
                {
                    logger.LogError(args.Outcome.Exception, "Storage circuit opened for {BreakDuration}",
                        args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("Storage circuit closed");
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .Build();
    }

    /// <summary>Blob client options with the SDK's own retries turned down to
    /// <see cref="StorageResilienceOptions.SdkMaxRetries"/> (2 by default, instead of the SDK's 3
    /// with delays up to a minute) so that the two layers of retry do not multiply into minutes.</summary>
    public static BlobClientOptions CreateBlobClientOptions(StorageResilienceOptions? options = null)
    {
        options ??= new StorageResilienceOptions();
        var client = new BlobClientOptions();
        client.Retry.MaxRetries = options.SdkMaxRetries;
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.Delay = options.SdkRetryDelay;
        client.Retry.MaxDelay = options.SdkRetryDelay * 8;
        client.Retry.NetworkTimeout = options.SdkNetworkTimeout;
        return client;
    }
}
