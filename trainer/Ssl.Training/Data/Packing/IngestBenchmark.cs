using System.Diagnostics;
using SkiaSharp;
using Ssl.Imaging;

namespace Ssl.Training.Data.Packing;

/// <summary>What <c>ssl bench ingest</c> measures: decode + resize + pack throughput of generated JPEGs and PNGs
/// (synthetic shapes with noise, so the codecs do real work) at several resolutions, on one thread and on all
/// cores; then streams a packed dataset four times larger than the loader's budget and records the loader's peak
/// bytes in flight and the process's peak resident memory (VmHWM) while it streams.</summary>
public static class IngestBenchmark
{
    public static IngestReport Run(IngestBenchmarkOptions? options = null)
    {
        options ??= new IngestBenchmarkOptions();
        var root = options.WorkFolder
            ?? Path.Combine(Path.GetTempPath(), "ssl-bench-ingest-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // Streaming first, while the process holds little else, so its resident memory is the stream's.
            var stream = Stream(Path.Combine(root, "stream"), options.StreamDatasetBytes);
            var measurements = new List<IngestMeasurement>();
            foreach (var (name, source, side) in Sources(options, root))
            {
                foreach (var resolution in options.Resolutions)
                foreach (var threads in options.Threads)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    var result = Packer.Pack(source, Path.Combine(root, $"out-{name}-{resolution}-{threads}"),
                        resolution, new PackOptions { MaxDegreeOfParallelism = threads, TestFraction = 0 });
                    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    measurements.Add(new IngestMeasurement(name, side, resolution, threads, result.Taken,
                        watch.Elapsed.TotalSeconds, cpuSeconds));
                }
            }
            return new IngestReport(measurements, stream);
        }
        finally
        {
            if (options.WorkFolder is null) Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The folder given, named after itself, with the side of its first image; else generated JPEGs and
    /// PNGs.</summary>
    static IEnumerable<(string Name, string Folder, int Side)> Sources(IngestBenchmarkOptions options, string root)
    {
        if (options.SourceFolder is { } folder)
        {
            var first = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order().FirstOrDefault()
                ?? throw new DatasetException($"--folder: '{folder}' holds no files");
            var head = File.ReadAllBytes(first).AsSpan();
            var side = ImageHeader.Read(head[..Math.Min(head.Length, ImageHeader.ReadBytes)]).Header is { } h
                ? (int)Math.Min(h.Width, h.Height) : 0;
            yield return (Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), folder, side);
            yield break;
        }
        foreach (var (name, format) in new[] { ("jpeg", SKEncodedImageFormat.Jpeg), ("png", SKEncodedImageFormat.Png) })
        {
            var source = Path.Combine(root, name);
            Generate(source, options.ImagesPerFormat, options.SourceSide, format);
            yield return (name, source, options.SourceSide);
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

    /// <summary>Packs built-in 32x32 images to about <paramref name="datasetBytes"/>, in shards of a sixteenth of it,
    /// and streams one epoch through a budget of a quarter of the dataset.</summary>
    static StreamMeasurement Stream(string folder, long datasetBytes)
    {
        const int side = 32, imageBytes = 3 * side * side + 8;
        var count = (int)Math.Max(64, datasetBytes / imageBytes);
        Packer.Pack($"builtin:{count},0", folder, side,
            new PackOptions { ShardBytes = Math.Max(side * side * 3, count / 16 * (imageBytes - 8)) });
        var dataset = PackedDataset.Open(folder);
        var size = dataset.Manifest.Train.Count * (long)imageBytes;
        var budget = size / 4;
        var stream = dataset.Stream(new PackedStreamOptions { BatchSize = 256, MemoryBudgetBytes = budget });
        // What generating and packing left behind is collected and its memory handed back to the OS first, so the
        // growth is the stream's.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var reset = ProcessMemory.TryResetPeak();
        var before = ProcessMemory.ResidentBytes;
        var watch = Stopwatch.StartNew();
        var images = 0;
        foreach (var batch in stream.Epoch(0))
        {
            images += (int)batch.Images.shape[0];
            batch.Dispose();
        }
        return new StreamMeasurement(size, budget, stream.PeakBytesInFlight, images, watch.Elapsed.TotalSeconds, before,
            ProcessMemory.PeakResidentBytes, reset);
    }
}
