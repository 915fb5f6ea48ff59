namespace Ssl.Training.Loop;

/// <summary>One mode of <see cref="StreamBenchmark"/>: training images/s over the timed steps (batches fetched,
/// augmented, forward, backward, step), wall clock and per second of the process's CPU time (every thread, the
/// loader's included), the process's resident memory before and at its peak, and the data's share of the budget
/// where the mode has data to budget.</summary>
public sealed record StreamBenchmarkResult(string Mode, int Steps, int BatchSize, double Seconds,
    double ImagesPerSecond, long? ResidentBeforeBytes, long? PeakResidentBytes, long? PeakBytesInFlight,
    double CpuSeconds = 0, long? DataBudgetBytes = null)
{
    public double ImagesPerCpuSecond => Steps * BatchSize / Math.Max(CpuSeconds, 1e-12);
}
