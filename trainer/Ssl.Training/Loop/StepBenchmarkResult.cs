namespace Ssl.Training.Loop;

/// <summary>Seconds spent in each phase over <paramref name="Steps"/> timed training steps of
/// <paramref name="BatchSize"/> images; see <see cref="StepBenchmark"/>.</summary>
public sealed record StepBenchmarkResult(string Method, string Encoder, int Width, int BatchSize, string Device,
    int Steps, double AugmentSeconds, double ForwardSeconds, double BackwardStepSeconds)
{
    public double TotalSeconds => AugmentSeconds + ForwardSeconds + BackwardStepSeconds;

    public double ImagesPerSecond => Images / TotalSeconds;

    /// <summary>Images per second that the phase alone would allow.</summary>
    public double ImagesPerSecondOf(double seconds) => Images / Math.Max(seconds, 1e-12);

    long Images => (long)Steps * BatchSize;
}
