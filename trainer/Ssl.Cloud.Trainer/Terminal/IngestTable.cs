using System.Globalization;
using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Terminal;

/// <summary>Prints <c>ssl bench ingest</c>'s results as two plain-text tables.</summary>
public static class IngestTable
{
    public static void Print(IngestReport report, TextWriter output)
    {
        output.WriteLine("Pack throughput: decode + resize + validate + write shards (generated noisy shape images, "
            + "or the folder given)");
        output.WriteLine($"{"format",-6} {"size",-9} {"threads",7} {"images",7} {"wall s",8} {"img/s",8} "
            + $"{"img/s/core",10} {"img/CPU-s",10}");
        foreach (var m in report.Packing)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Format,-6} {$"{m.SourceSide}->{m.Resolution}",-9} {m.Threads,7} {m.Images,7} {m.Seconds,8:F2} "
                + $"{m.ImagesPerSecond,8:F0} {m.ImagesPerSecond / m.Threads,10:F0} {m.ImagesPerCpuSecond,10:F0}"));
        output.WriteLine("img/s/core = wall rate / threads; img/CPU-s = images per second of this process's CPU time "
            + "(the per-core rate on a busy machine).");
        output.WriteLine();

        var s = report.Stream;
        output.WriteLine("Streaming one epoch of a packed dataset 4x larger than the loader's budget");
        output.WriteLine($"{"dataset",-34} {Mib(s.DatasetBytes),12}");
        output.WriteLine($"{"loader budget",-34} {Mib(s.BudgetBytes),12}");
        output.WriteLine($"{"loader peak bytes in flight",-34} {Mib(s.PeakInFlightBytes),12}");
        output.WriteLine($"{"process RSS before streaming",-34} {Mib(s.ResidentBeforeBytes),12}");
        output.WriteLine($"{"process peak RSS (VmHWM)",-34} {Mib(s.PeakResidentBytes),12}"
            + $"{(s.PeakIsStreamOnly ? "  (reset before streaming)" : "  (whole process life)")}");
        output.WriteLine($"{"peak RSS growth while streaming",-34} {Mib(s.ResidentGrowthBytes),12}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"images streamed",-34} {s.Images,12} in {s.Seconds:F2} s "
            + $"({s.Images / Math.Max(s.Seconds, 1e-9):F0} img/s)"));
    }

    static string Mib(long? bytes) =>
        bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:F1} MiB") : "n/a";
}
