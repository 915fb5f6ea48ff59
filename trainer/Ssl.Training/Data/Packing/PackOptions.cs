namespace Ssl.Training.Data.Packing;

/// <summary>How <see cref="Packer"/> decodes, validates and shards a source.</summary>
public sealed record PackOptions
{
    /// <summary>Channel layout; null keeps the source's own (RGB for image files and CIFAR, gray for IDX).</summary>
    public ColorMode? Color { get; init; }

    public ResizeMode Resize { get; init; } = ResizeMode.ShorterSideCentreCrop;

    public ImageLimits Limits { get; init; } = ImageLimits.Default;

    public ZipLimits Zip { get; init; } = ZipLimits.Default;

    /// <summary>Share sent to the test split by a stable hash of the relative path, unless the source has
    /// <c>train/</c> and <c>test/</c> folders.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Upper bound of one shard's tensor bytes. Smaller shards stream with finer shuffling; larger ones
    /// mean fewer files.</summary>
    public long ShardBytes { get; init; } = 64L << 20;

    /// <summary>Seed of the order images are written in (shuffled, so no shard holds one class only).</summary>
    public int Seed { get; init; }

    /// <summary>Decoding threads; null uses every core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Image folders: called on the packing thread after each shard is written (the shard, and the plan and
    /// progress a later pack continues from), e.g. to upload it. An exception stops the pack.</summary>
    public Action<PackPlan, PackProgress, PackedShard>? OnShard { get; init; }

    /// <summary>Image folders: continue the pack that <see cref="OnShard"/> last reported, reading only the plan's
    /// files from the progress's position on (the others need not exist). The shards it writes are those the whole
    /// pack would write; the ones before the position are not written again.</summary>
    public (PackPlan Plan, PackProgress Progress)? Resume { get; init; }

    /// <summary>For sources that are not image folders: built-in counts, CIFAR-100 label choice.</summary>
    public DatasetOptions Dataset { get; init; } = new();
}
