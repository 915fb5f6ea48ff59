using Ssl.Training.Data.Packing;

namespace Ssl.Training.Tests.Data.Packing;

public class IngestBenchmarkTests
{
    [Fact]
    public void A_small_run_measures_every_format_resolution_and_thread_count_and_streams_within_budget()
    {
        var report = IngestBenchmark.Run(new IngestBenchmarkOptions
        {
            ImagesPerFormat = 12, SourceSide = 64, Resolutions = [16], Threads = [1, 2], StreamDatasetBytes = 1 << 20,
        });
        Assert.Equal(["jpeg 1", "jpeg 2", "png 1", "png 2"], report.Packing.Select(m => $"{m.Format} {m.Threads}"));
        Assert.All(report.Packing, m =>
        {
            Assert.Equal(12, m.Images);
            Assert.Equal(16, m.Resolution);
            Assert.True(m.ImagesPerSecond > 0 && m.ImagesPerCpuSecond > 0);
        });
        var stream = report.Stream;
        Assert.InRange(stream.PeakInFlightBytes, 1, stream.BudgetBytes);
        Assert.Equal(stream.DatasetBytes / 4, stream.BudgetBytes);
        Assert.Equal(stream.DatasetBytes, stream.Images * (3 * 32 * 32 + 8L));
        if (OperatingSystem.IsLinux()) Assert.True(stream.PeakResidentBytes >= stream.ResidentBeforeBytes);
    }
}
