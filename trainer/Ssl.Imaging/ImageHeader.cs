using System.Buffers.Binary;

namespace Ssl.Imaging;

/// <summary>The format by magic bytes and the dimensions from the header alone, for the five formats the
/// trainer decodes (PNG, JPEG, GIF, WebP, BMP). No codec sees the file, so a pixel bomb is refused by its
/// declared size before anything allocates for it. The one header reader of the repository: the Function app
/// validates uploads with it, Ssl.Training sniffs files at ingest with it.</summary>
public sealed record ImageHeader(string Format, long Width, long Height)
{
    /// <summary>What a commit downloads of each file: JPEG's frame header follows the EXIF/ICC segments, which
    /// are rarely longer than this.</summary>
    public const int ReadBytes = 256 * 1024;

    /// <summary>The format of <paramref name="head"/> by its magic bytes alone ("png", "jpeg", "gif", "webp",
    /// "bmp"), or null. Never by file name.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return "png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "jpeg";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return "gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "webp";
        if (head.StartsWith("BM"u8)) return "bmp";
        return null;
    }

    /// <summary>The header of <paramref name="head"/> (the file's first bytes), or null with the reason.</summary>
    public static (ImageHeader? Header, string? Reason) Read(ReadOnlySpan<byte> head) => Sniff(head) switch
    {
        "png" => head.Length >= 24 && head[12..16].SequenceEqual("IHDR"u8)
            ? Found("png",
                BinaryPrimitives.ReadUInt32BigEndian(head[16..]), BinaryPrimitives.ReadUInt32BigEndian(head[20..]))
            : Truncated("PNG"),
        "jpeg" => Jpeg(head),
        "gif" => head.Length >= 10
            ? Found("gif",
                BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]))
            : Truncated("GIF"),
        "webp" => WebP(head),
        "bmp" => head.Length >= 26
            ? Found("bmp",
                Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(head[18..])),
                Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(head[22..])))
            : Truncated("BMP"),
        _ => (null, head.Length == 0
            ? Describe(head)
            : $"not an image this pipeline reads (PNG, JPEG, GIF, WebP, BMP): {Describe(head)}"),
    };

    /// <summary>A printable hint of what a file starts with, for reject reasons.</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        var n = Math.Min(head.Length, 8);
        return n == 0 ? "the file is empty" : $"starts with bytes {Convert.ToHexString(head[..n])}";
    }

    /// <summary>Extensions an image-folder reader picks up. Whoever must judge every file (the packer, upload
    /// validation) sniffs instead.</summary>
    public static bool HasImageExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp" or ".bmp";

    /// <summary>Walks the marker segments to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC).</summary>
    static (ImageHeader?, string?) Jpeg(ReadOnlySpan<byte> head)
    {
        var at = 2;
        while (at + 4 <= head.Length)
        {
            if (head[at] != 0xFF) return (null, "not a valid JPEG: marker expected");
            var marker = head[at + 1];
            if (marker == 0xFF) { at++; continue; } // fill byte
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { at += 2; continue; }
            if (marker is 0xD9 or 0xDA) return (null, "not a valid JPEG: no frame header before the image data");
            var length = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 2)..]);
            if (length < 2) return (null, "not a valid JPEG: segment length below 2");
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return at + 9 <= head.Length
                    ? Found("jpeg",
                        BinaryPrimitives.ReadUInt16BigEndian(head[(at + 7)..]),
                        BinaryPrimitives.ReadUInt16BigEndian(head[(at + 5)..]))
                    : Truncated("JPEG");
            at += 2 + length;
        }
        return (null, $"JPEG frame header not within the first {head.Length} bytes "
            + "(metadata too large, or the file is cut short)");
    }

    static (ImageHeader?, string?) WebP(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30) return Truncated("WebP");
        var chunk = head[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
            return head[23] == 0x9D && head[24] == 0x01 && head[25] == 0x2A
                ? Found("webp",
                    BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF,
                    BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF)
                : (null, "not a valid WebP: VP8 start code missing");
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (head[20] != 0x2F) return (null, "not a valid WebP: VP8L signature missing");
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return Found("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
            return Found("webp", UInt24(head[24..]) + 1, UInt24(head[27..]) + 1);
        return (null, $"not a WebP this pipeline reads: first chunk '{System.Text.Encoding.ASCII.GetString(chunk)}'");
    }

    static long UInt24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);

    static (ImageHeader?, string?) Found(string format, long width, long height) =>
        width > 0 && height > 0
            ? (new ImageHeader(format, width, height), null)
            : (null, $"{format} header declares a {width}x{height} image");

    static (ImageHeader?, string?) Truncated(string format) => (null, $"{format} header is cut short");
}
