using Ssl.Training.Data.Packing;

namespace Ssl.Training.Tests.Data.Packing;

public class IngestBenchmarkTests
{
    [Fact]
    public void A_small_run_measures_every_format_resolution_and_thread_count_and_streams_within_budget()
    {
        var report = IngestBenchmark.Run(imagesPerFormat: 12, sourceSide: 64, resolutions: [16]);
        var threadCounts = new[] { 1, Environment.ProcessorCount }.Distinct().Count();
        Assert.Equal(2 * threadCounts, report.Packing.Count);
        Assert.All(report.Packing, m =>
        {
            Assert.Equal(12, m.Images);
            Assert.True(m.ImagesPerSecond > 0 && m.ImagesPerCpuSecond > 0);
        });
        Assert.InRange(report.StreamPeakBytes, 1, report.StreamBudgetBytes);
        Assert.Equal(4 * report.StreamBudgetBytes, report.StreamDatasetBytes);
        Assert.Contains(report.Lines(), l => l.StartsWith("jpeg 64->16"));
    }
}
