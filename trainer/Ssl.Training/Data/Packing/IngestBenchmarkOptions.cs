namespace Ssl.Training.Data.Packing;

/// <summary>What <see cref="IngestBenchmark.Run"/> generates and measures.</summary>
public sealed record IngestBenchmarkOptions
{
    /// <summary>Generated files per format (JPEG and PNG).</summary>
    public int ImagesPerFormat { get; init; } = 1000;

    /// <summary>Side of the generated square images.</summary>
    public int SourceSide { get; init; } = 256;

    public IReadOnlyList<int> Resolutions { get; init; } = [32, 96];

    /// <summary>Decoding threads of each timed pack: 1 gives the per-core rate, the core count the whole
    /// machine's.</summary>
    public IReadOnlyList<int> Threads { get; init; } = new[] { 1, Environment.ProcessorCount }.Distinct().ToArray();

    /// <summary>Size of the packed dataset streamed through a budget of a quarter of it.</summary>
    public long StreamDatasetBytes { get; init; } = 64L << 20;

    /// <summary>An image folder to pack instead of the generated JPEGs and PNGs (e.g. the photo PNGs of
    /// tests/benchmarks/photo-pngs.py); null generates.</summary>
    public string? SourceFolder { get; init; }

    /// <summary>Where to generate and pack; null uses a temp folder that is deleted afterwards.</summary>
    public string? WorkFolder { get; init; }
}
