namespace Ssl.Training.Loop;

/// <summary>One mode of <see cref="StreamBenchmark"/>: training images/s over the timed steps (batches fetched,
/// augmented, forward, backward, step), wall clock and per second of the process's CPU time (every thread, the
/// loader's included), and the process's resident memory before and at its peak.</summary>
public sealed record StreamBenchmarkResult(string Mode, int Steps, int BatchSize, double Seconds,
    double ImagesPerSecond, long? ResidentBeforeBytes, long? PeakResidentBytes, long? PeakBytesInFlight,
    double CpuSeconds = 0)
{
    public double ImagesPerCpuSecond => Steps * BatchSize / Math.Max(CpuSeconds, 1e-12);
}
