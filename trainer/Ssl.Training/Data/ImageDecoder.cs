using SkiaSharp;

namespace Ssl.Training.Data;

/// <summary>Decodes one encoded image with SkiaSharp into a CHW uint8 buffer of <c>resolution x resolution</c>:
/// the shorter side is scaled to the resolution and the centre is cropped. JPEGs are decoded at a reduced scale by
/// the codec where it can (DCT scaling, 1/2 to 1/8) so most of the downscale costs nothing.</summary>
internal static class ImageDecoder
{
    /// <summary>Returns null on success, else the reason the image was refused.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> encoded, int resolution, ColorMode color, ImageLimits limits, Span<byte> chw)
    {
        if (encoded.Length > limits.MaxFileBytes) return $"file of {encoded.Length} bytes exceeds the limit of {limits.MaxFileBytes}";
        var format = ImageSniffer.Format(encoded);
        if (format is null) return $"not an image: {ImageSniffer.Describe(encoded)}";
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null) return $"unreadable {format}: the header could not be parsed";
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if ((long)w * h > limits.MaxPixels) return $"pixel bomb: header declares {w}x{h} pixels, over the limit of {limits.MaxPixels}";
        if (Math.Min(w, h) < limits.MinSide) return $"too small: {w}x{h}, the minimum side is {limits.MinSide}";

        var size = codec.Info.Size;
        if (resolution < Math.Min(w, h))
        {
            var scaled = codec.GetScaledDimensions((float)resolution / Math.Min(w, h));
            if (Math.Min(scaled.Width, scaled.Height) >= resolution) size = scaled;
        }
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result == SKCodecResult.IncompleteInput) return $"truncated {format}: the image data ends early";
        if (result != SKCodecResult.Success) return $"corrupt {format}: decoder said {result}";

        using var output = CentreCrop(decoded, resolution);
        WritePlanes(output.GetPixelSpan(), resolution * resolution, color, chw);
        return null;
    }

    /// <summary>Scales the shorter side to <paramref name="resolution"/>, keeps the centre square, composites
    /// transparency over white.</summary>
    static SKBitmap CentreCrop(SKBitmap source, int resolution)
    {
        var side = Math.Min(source.Width, source.Height);
        var (x0, y0) = ((source.Width - side) / 2f, (source.Height - side) / 2f);
        var sampling = side == resolution ? new SKSamplingOptions(SKFilterMode.Nearest)
            : side < resolution ? new SKSamplingOptions(SKCubicResampler.Mitchell)
            : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear); // mipmaps average over the footprint
        var output = new SKBitmap(new SKImageInfo(resolution, resolution, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(output);
        using var pixmap = source.PeekPixels();
        using var image = SKImage.FromPixels(pixmap);
        canvas.Clear(SKColors.White);
        canvas.DrawImage(image, new SKRect(x0, y0, x0 + side, y0 + side), new SKRect(0, 0, resolution, resolution), sampling);
        canvas.Flush();
        return output;
    }

    /// <summary>RGBA (opaque after compositing) to planar RGB or BT.601 luma with PIL's integer weights.</summary>
    static void WritePlanes(ReadOnlySpan<byte> rgba, int plane, ColorMode color, Span<byte> chw)
    {
        if (color == ColorMode.Grayscale)
        {
            for (var i = 0; i < plane; i++)
                chw[i] = (byte)((rgba[4 * i] * 19595 + rgba[4 * i + 1] * 38470 + rgba[4 * i + 2] * 7471 + 0x8000) >> 16);
            return;
        }
        for (var i = 0; i < plane; i++)
        {
            chw[i] = rgba[4 * i];
            chw[plane + i] = rgba[4 * i + 1];
            chw[2 * plane + i] = rgba[4 * i + 2];
        }
    }

    public static int Channels(ColorMode color) => color == ColorMode.Grayscale ? 1 : 3;
}
