using SkiaSharp;

namespace Ssl.Training.Tests.Data;

/// <summary>Encodes small images for the readers to decode.</summary>
public static class TestImages
{
    public static byte[] Encode(int width, int height, Func<int, int, SKColor> pixel,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 95)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            bitmap.SetPixel(x, y, pixel(x, y));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] Solid(int width, int height, SKColor colour,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Encode(width, height, (_, _) => colour, format);

    public static void Write(string path, byte[] encoded)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, encoded);
    }
}
