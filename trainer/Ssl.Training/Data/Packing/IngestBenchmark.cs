using System.Diagnostics;
using SkiaSharp;

namespace Ssl.Training.Data.Packing;

/// <summary>What <c>ssl bench ingest</c> measures: decode + resize + pack throughput of generated JPEGs and PNGs
/// (synthetic shapes with noise, so the codecs do real work) at several resolutions, on one thread and on all
/// cores; then the loader's peak bytes in flight while streaming a dataset four times larger than its budget.</summary>
public static class IngestBenchmark
{
    public static IngestReport Run(int imagesPerFormat = 1000, int sourceSide = 256, IReadOnlyList<int>? resolutions = null, string? workFolder = null)
    {
        resolutions ??= [32, 96];
        var root = workFolder ?? Path.Combine(Path.GetTempPath(), "ssl-bench-ingest-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var measurements = new List<IngestMeasurement>();
            foreach (var (name, format) in new[] { ("jpeg", SKEncodedImageFormat.Jpeg), ("png", SKEncodedImageFormat.Png) })
            {
                var source = Path.Combine(root, name);
                Generate(source, imagesPerFormat, sourceSide, format);
                foreach (var resolution in resolutions)
                foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    var result = Packer.Pack(source, Path.Combine(root, $"out-{name}-{resolution}-{threads}"), resolution,
                        new PackOptions { MaxDegreeOfParallelism = threads, TestFraction = 0 });
                    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    measurements.Add(new IngestMeasurement(name, sourceSide, resolution, threads, result.Taken, watch.Elapsed.TotalSeconds, cpuSeconds));
                }
            }
            var (budget, size, peak) = Stream(Path.Combine(root, "stream"));
            return new IngestReport(measurements, budget, size, peak);
        }
        finally
        {
            if (workFolder is null) Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Class folders of noisy shape images, encoded in parallel.</summary>
    static void Generate(string folder, int count, int side, SKEncodedImageFormat format)
    {
        var extension = format == SKEncodedImageFormat.Jpeg ? "jpg" : "png";
        Parallel.For(0, count, i =>
        {
            var chw = new byte[3 * side * side];
            var label = i % ShapePainter.ClassCount;
            ShapePainter.Paint(chw, side, label, SplitMix64.Mix(99, i));
            using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
            var rgba = bitmap.GetPixelSpan();
            var plane = side * side;
            for (var p = 0; p < plane; p++)
            {
                rgba[4 * p] = chw[p];
                rgba[4 * p + 1] = chw[plane + p];
                rgba[4 * p + 2] = chw[2 * plane + p];
                rgba[4 * p + 3] = 255;
            }
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(format, 90);
            var path = Path.Combine(folder, $"class{label}", $"{i:D6}.{extension}");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, data.ToArray());
        });
    }

    static (long Budget, long Size, long Peak) Stream(string folder)
    {
        Packer.Pack("builtin:4000,10", folder, 32, new PackOptions { ShardBytes = 250 * 3 * 32 * 32 });
        var dataset = PackedDataset.Open(folder);
        var budget = dataset.Manifest.Train.Count * (long)(dataset.ImageBytes + 8) / 4;
        var stream = dataset.Stream(new PackedStreamOptions { BatchSize = 256, MemoryBudgetBytes = budget });
        foreach (var batch in stream.Epoch(0)) batch.Dispose();
        return (budget, budget * 4, stream.PeakBytesInFlight);
    }
}
