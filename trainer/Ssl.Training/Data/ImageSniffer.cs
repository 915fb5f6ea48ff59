using System.Buffers.Binary;

namespace Ssl.Training.Data;

/// <summary>Recognises image formats by their leading magic bytes, not by file name.</summary>
internal static class ImageSniffer
{
    public static string? Format(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return "png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "jpeg";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return "gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "webp";
        if (head.StartsWith("BM"u8)) return "bmp";
        return null;
    }

    /// <summary>Width and height straight from the fixed-position header fields of PNG (IHDR), GIF and BMP, so a
    /// pixel bomb is refused before any codec sees the file; null for formats whose size needs a parser (JPEG,
    /// WebP).</summary>
    public static (long Width, long Height)? Dimensions(ReadOnlySpan<byte> head, string format) => format switch
    {
        "png" when head.Length >= 24 =>
            (BinaryPrimitives.ReadUInt32BigEndian(head[16..]), BinaryPrimitives.ReadUInt32BigEndian(head[20..])),
        "gif" when head.Length >= 10 =>
            (BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..])),
        "bmp" when head.Length >= 26 =>
            (Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(head[18..])),
                Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(head[22..]))),
        _ => null,
    };

    /// <summary>Extensions the image-folder reader picks up. The packer looks at every file and sniffs
    /// instead.</summary>
    public static bool HasImageExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp" or ".bmp";

    /// <summary>A printable hint of what a non-image file starts with, for reject reasons.</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        var n = Math.Min(head.Length, 8);
        return n == 0 ? "the file is empty" : $"starts with bytes {Convert.ToHexString(head[..n])}";
    }
}
