namespace Ssl.Training.Data.Packing;

/// <summary>Limits that stop a hostile archive (a zip bomb) before it is inflated. Sizes come from the central
/// directory and are enforced again while reading, since the directory can lie.</summary>
public sealed record ZipLimits
{
    public int MaxEntries { get; init; } = 1_000_000;

    /// <summary>Sum of the declared uncompressed sizes of all entries.</summary>
    public long MaxUncompressedBytes { get; init; } = 64L << 30;

    /// <summary>Largest uncompressed / compressed size of one entry. Images are already compressed (ratio near 1);
    /// deflate tops out near 1030 on zeros, which is what bombs are made of.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    public static ZipLimits Default { get; } = new();
}
