namespace Ssl.Training.Loop;

/// <summary>One mode of <see cref="StreamBenchmark"/>: training images/s over the timed steps (batches fetched,
/// augmented, forward, backward, step) and the process's resident memory before and at its peak.</summary>
public sealed record StreamBenchmarkResult(string Mode, int Steps, int BatchSize, double Seconds,
    double ImagesPerSecond, long? ResidentBeforeBytes, long? PeakResidentBytes, long? PeakBytesInFlight);
