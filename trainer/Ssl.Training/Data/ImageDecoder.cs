using SkiaSharp;

namespace Ssl.Training.Data;

/// <summary>Decodes one encoded image with SkiaSharp into a CHW uint8 buffer of <c>resolution x resolution</c>:
/// the shorter side is scaled to the resolution and the centre is cropped. JPEGs are decoded at a reduced scale by
/// the codec where it can (DCT scaling, 1/2 to 1/8) so most of the downscale costs nothing.</summary>
internal static class ImageDecoder
{
    /// <summary>Checks format (magic bytes) and the header's dimensions against the limits without decoding
    /// pixels. Returns null when acceptable, else the reason.</summary>
    public static string? Check(ReadOnlySpan<byte> encoded, ImageLimits limits)
    {
        using var data = Open(encoded, limits, out var codec, out _, out var reason);
        codec?.Dispose();
        return reason;
    }

    /// <summary>Returns null on success, else the reason the image was refused.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> encoded, int resolution, ColorMode color, ImageLimits limits,
        Span<byte> chw, ResizeMode resize = ResizeMode.ShorterSideCentreCrop)
    {
        using var data = Open(encoded, limits, out var opened, out var format, out var reason);
        if (opened is null) return reason;
        using var codec = opened;
        var (w, h) = (codec.Info.Width, codec.Info.Height);
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

        using var output = Resample(decoded, resolution, resize);
        WritePlanes(output.GetPixelSpan(), resolution * resolution, color, chw);
        return null;
    }

    static SKData? Open(ReadOnlySpan<byte> encoded, ImageLimits limits, out SKCodec? codec, out string format,
        out string? reason)
    {
        codec = null;
        format = ImageSniffer.Format(encoded) ?? "";
        reason = encoded.Length > limits.MaxFileBytes
            ? $"file of {encoded.Length} bytes exceeds the limit of {limits.MaxFileBytes}"
            : format == "" ? $"not an image: {ImageSniffer.Describe(encoded)}"
            : null;
        if (reason is null && ImageSniffer.Dimensions(encoded, format) is var (hw, hh) && hw * hh > limits.MaxPixels)
            reason = $"pixel bomb: header declares {hw}x{hh} pixels, over the limit of {limits.MaxPixels}";
        if (reason is not null) return null;
        var data = SKData.CreateCopy(encoded); // the codec reads from it until disposed
        codec = SKCodec.Create(data);
        if (codec is null)
        {
            reason = $"unreadable {format}: the header could not be parsed";
            return data;
        }
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        reason = (long)w * h > limits.MaxPixels
            ? $"pixel bomb: header declares {w}x{h} pixels, over the limit of {limits.MaxPixels}"
            : Math.Min(w, h) < limits.MinSide ? $"too small: {w}x{h}, the minimum side is {limits.MinSide}"
            : null;
        if (reason is not null)
        {
            codec.Dispose();
            codec = null;
        }
        return data;
    }

    /// <summary>Scales to <paramref name="resolution"/> square (centre crop or exact), composites transparency over
    /// white.</summary>
    static SKBitmap Resample(SKBitmap source, int resolution, ResizeMode resize)
    {
        var side = Math.Min(source.Width, source.Height);
        var (x0, y0) = ((source.Width - side) / 2f, (source.Height - side) / 2f);
        var src = resize == ResizeMode.Exact
            ? new SKRect(0, 0, source.Width, source.Height)
            : new SKRect(x0, y0, x0 + side, y0 + side);
        var sampling = src.Width == resolution && src.Height == resolution ? new SKSamplingOptions(SKFilterMode.Nearest)
            : side < resolution ? new SKSamplingOptions(SKCubicResampler.Mitchell)
            : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear); // mipmaps average over the footprint
        var output = new SKBitmap(new SKImageInfo(resolution, resolution, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(output);
        using var pixmap = source.PeekPixels();
        using var image = SKImage.FromPixels(pixmap);
        canvas.Clear(SKColors.White);
        canvas.DrawImage(image, src, new SKRect(0, 0, resolution, resolution), sampling);
        canvas.Flush();
        return output;
    }

    /// <summary>RGBA (opaque after compositing) to planar RGB or BT.601 luma with PIL's integer weights.</summary>
    static void WritePlanes(ReadOnlySpan<byte> rgba, int plane, ColorMode color, Span<byte> chw)
    {
        if (color == ColorMode.Grayscale)
        {
            for (var i = 0; i < plane; i++)
                chw[i] = (byte)(
                    (rgba[4 * i] * 19595 + rgba[4 * i + 1] * 38470 + rgba[4 * i + 2] * 7471 + 0x8000) >> 16);
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
