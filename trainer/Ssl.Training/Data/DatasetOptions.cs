namespace Ssl.Training.Data;

/// <summary>Choices for <see cref="DatasetCatalog.Open"/> beyond the spec and resolution.</summary>
public sealed record DatasetOptions
{
    /// <summary>Keep at most this many training images: a seeded random subset (in original order), so that a
    /// class-sorted folder keeps all its classes.</summary>
    public int? TrainLimit { get; init; }

    public int BuiltinTrainCount { get; init; } = 5000;

    public int BuiltinTestCount { get; init; } = 1000;

    /// <summary>Seed of the built-in generator and of the training subset.</summary>
    public int Seed { get; init; }

    /// <summary>Channel layout; null keeps the source's own (RGB for image folders and CIFAR, gray for IDX).</summary>
    public ColorMode? Color { get; init; }

    /// <summary>Test share for image folders without <c>train/</c> and <c>test/</c>.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>CIFAR-100: the 20 coarse super-classes instead of the 100 fine classes.</summary>
    public bool CifarCoarseLabels { get; init; }

    public ImageLimits Limits { get; init; } = ImageLimits.Default;

    /// <summary>Where archives are packed on first use; null uses
    /// <see cref="Packing.PackCache.DefaultRoot"/>.</summary>
    public string? CacheDirectory { get; init; }
}
