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
/// per-try timeout. The breaker sits inside the retry so that it counts tries, and an open
/// circuit is not retried: the caller learns at once that storage is down.</remarks>
public static class StorageResilience
{
    public static ResiliencePipeline CreatePipeline(StorageResilienceOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        options ??= new StorageResilienceOptions();
        logger ??= NullLogger.Instance;
        var builder = new ResiliencePipelineBuilder { Name = "storage", TimeProvider = time ?? TimeProvider.System };
        var handled = new PredicateBuilder().Handle<Exception>(TransientStorageFaults.IsTransient);

        var retry = new RetryStrategyOptions
        {
            ShouldHandle = handled,
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            OnRetry = args =>
            {
                logger.LogWarning(args.Outcome.Exception,
                    "Storage operation failed on try {Attempt}; retrying in {RetryDelay}", args.AttemptNumber + 1, args.RetryDelay);
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
                    logger.LogError(args.Outcome.Exception, "Storage circuit opened for {BreakDuration}", args.BreakDuration);
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
    /// <see cref="StorageResilienceOptions.SdkMaxRetries"/> (0 by default).</summary>
    public static BlobClientOptions CreateBlobClientOptions(StorageResilienceOptions? options = null)
    {
        options ??= new StorageResilienceOptions();
        var client = new BlobClientOptions();
        client.Retry.MaxRetries = options.SdkMaxRetries;
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.NetworkTimeout = options.SdkNetworkTimeout;
        return client;
    }
}
