namespace Ssl.Training.Data.Packing;

/// <summary>Result of <see cref="IngestBenchmark.Run"/>.</summary>
public sealed record IngestReport(IReadOnlyList<IngestMeasurement> Packing, long StreamBudgetBytes, long StreamDatasetBytes, long StreamPeakBytes)
{
    public IEnumerable<string> Lines() => Packing.Select(m => m.ToString()).Append(
        $"stream: dataset {StreamDatasetBytes >> 10} KiB, budget {StreamBudgetBytes >> 10} KiB, peak in flight {StreamPeakBytes >> 10} KiB");
}
