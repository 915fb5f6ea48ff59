using Polly;
using Polly.Retry;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>The retry around one file's transfer: transient network and storage faults, truncation and expired
/// links, with exponential back-off and jitter. <paramref name="onRetry"/> undoes the attempt's progress or
/// fetches new links.</summary>
public static class TransferRetry
{
    public static ResiliencePipeline Create(TransferOptions options, Func<Exception, ValueTask> onRetry) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransferRetryException>().Handle<IOException>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(e => !e.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = TimeSpan.FromSeconds(10),
                OnRetry = args => onRetry(args.Outcome.Exception!),
            })
            .Build();
}
