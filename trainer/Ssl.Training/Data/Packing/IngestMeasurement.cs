namespace Ssl.Training.Data.Packing;

/// <summary>One timed pack: <paramref name="Images"/> encoded files of one format decoded, resized and written.
/// <paramref name="CpuSeconds"/> is the process's CPU time over the pack: on a shared machine, images per CPU-second
/// is the per-core rate that wall time cannot show.</summary>
public sealed record IngestMeasurement(string Format, int SourceSide, int Resolution, int Threads, int Images,
    double Seconds, double CpuSeconds)
{
    public double ImagesPerSecond => Images / Seconds;

    public double ImagesPerCpuSecond => Images / Math.Max(CpuSeconds, 1e-9);

    public override string ToString() =>
        $"{Format,-4} {SourceSide}->{Resolution,-3} threads {Threads}: {ImagesPerSecond,6:F0} img/s wall, " +
        $"{ImagesPerCpuSecond,6:F0} img per CPU-second";
}
