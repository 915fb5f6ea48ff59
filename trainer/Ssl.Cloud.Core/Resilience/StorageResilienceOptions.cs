namespace Ssl.Cloud.Core.Resilience;

/// <summary>Settings of <see cref="StorageResilience"/>, bound from configuration section <see cref="Section"/>.
/// The defaults suit a worker writing checkpoints of a few hundred MB.</summary>
public sealed class StorageResilienceOptions
{
    public const string Section = "Storage:Resilience";

    /// <summary>Retries of a whole operation after its first try.</summary>
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>Mean first delay; later ones grow exponentially, with jitter so that workers that
    /// failed together do not retry together.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One try of one operation (a checkpoint upload is one operation).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>All tries and delays of one operation together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Share of failed tries within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 10;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether an operation that meets an open circuit waits for the break to end and
    /// tries again (a worker saving a checkpoint: true, the default), or fails at once with
    /// <see cref="Polly.CircuitBreaker.BrokenCircuitException"/> (an HTTP API that should answer 503 now: false).
    /// Either way storage gets no calls while the circuit is open but the one probe.</summary>
    public bool RetryWhileCircuitOpen { get; set; } = true;

    /// <summary>The Blob SDK's own retries of one HTTP request, kept small on purpose. They absorb a
    /// lost request inside a long operation (a 300 MB checkpoint is ~40 requests; retrying all 40
    /// for one lost block would rarely finish under a 10% fault rate), while this pipeline retries
    /// what a request retry cannot fix. 0 leaves retrying to the pipeline alone.</summary>
    public int SdkMaxRetries { get; set; } = 2;

    /// <summary>The Blob SDK's first retry delay; short, because the pipeline's backoff comes after it.</summary>
    public TimeSpan SdkRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The Blob SDK's timeout of one HTTP request.</summary>
    public TimeSpan SdkNetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Source of the retry jitter; tests fix it to get fixed delays.</summary>
    internal Func<double>? Randomizer { get; set; }
}
