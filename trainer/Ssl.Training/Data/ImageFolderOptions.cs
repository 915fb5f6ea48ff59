namespace Ssl.Training.Data;

/// <summary>How an image folder is decoded and split.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>Side of the square output images: the shorter side is scaled to it, then the centre is
    /// cropped.</summary>
    public int Resolution { get; init; } = 32;

    public ColorMode Color { get; init; } = ColorMode.Rgb;

    public ResizeMode Resize { get; init; } = ResizeMode.ShorterSideCentreCrop;

    /// <summary>Share of files sent to the test split by a stable hash of their path, when the folder has no
    /// <c>train/</c> and <c>test/</c> sub-folders.</summary>
    public double TestFraction { get; init; } = 0.2;

    public ImageLimits Limits { get; init; } = ImageLimits.Default;

    /// <summary>Decoding threads; null uses every core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
