namespace Ssl.Training.Loop;

/// <summary>Seconds spent in each phase over <paramref name="Steps"/> timed training steps of
/// <paramref name="BatchSize"/> images, wall clock and the process's CPU time (all its threads); see
/// <see cref="StepBenchmark"/>. On a shared machine the CPU time is the steadier measure of the work.</summary>
public sealed record StepBenchmarkResult(string Method, string Encoder, int Width, int BatchSize, string Device,
    int Steps, double AugmentSeconds, double ForwardSeconds, double BackwardStepSeconds,
    double AugmentCpuSeconds = 0, double ForwardCpuSeconds = 0, double BackwardStepCpuSeconds = 0)
{
    public double TotalSeconds => AugmentSeconds + ForwardSeconds + BackwardStepSeconds;

    public double TotalCpuSeconds => AugmentCpuSeconds + ForwardCpuSeconds + BackwardStepCpuSeconds;

    public double ImagesPerSecond => Images / TotalSeconds;

    /// <summary>Images per second that the phase alone would allow.</summary>
    public double ImagesPerSecondOf(double seconds) => Images / Math.Max(seconds, 1e-12);

    long Images => (long)Steps * BatchSize;
}
