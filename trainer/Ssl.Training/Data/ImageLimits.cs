namespace Ssl.Training.Data;

/// <summary>What an image file must satisfy to be decoded. Dimensions are read from the header before any pixel is
/// decoded, so a small file that declares a huge image (a pixel bomb) is refused without allocating for it.</summary>
public sealed record ImageLimits
{
    /// <summary>Smallest accepted width and height, in pixels.</summary>
    public int MinSide { get; init; } = 8;

    /// <summary>Largest accepted width x height. The default is PIL's <c>Image.MAX_IMAGE_PIXELS</c>
    /// (89,478,485).</summary>
    public long MaxPixels { get; init; } = 89_478_485;

    /// <summary>Largest accepted encoded file, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 256L << 20;

    public static ImageLimits Default { get; } = new();
}
