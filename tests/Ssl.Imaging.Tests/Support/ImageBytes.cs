using System.Buffers.Binary;

namespace Ssl.Imaging.Tests.Support;

/// <summary>The first bytes of images of a given declared size: enough for a header reader, no pixels.</summary>
public static class ImageBytes
{
    public static byte[] Png(uint width, uint height)
    {
        var b = new byte[33];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }.CopyTo(b, 0);
        "IHDR"u8.CopyTo(b.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(20), height);
        return b;
    }

    /// <summary>SOI, an APP1 segment of <paramref name="metadataBytes"/> (EXIF stand-in), then a baseline
    /// SOF0.</summary>
    public static byte[] Jpeg(ushort width, ushort height, int metadataBytes = 16)
    {
        var b = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE1, (byte)((metadataBytes + 2) >> 8), (byte)(metadataBytes + 2) };
        b.AddRange(new byte[metadataBytes]);
        b.AddRange([0xFF, 0xC0, 0, 17, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3]);
        b.AddRange(new byte[9]);
        b.AddRange([0xFF, 0xD9]);
        return [.. b];
    }

    public static byte[] Gif(ushort width, ushort height)
    {
        var b = new byte[13];
        "GIF89a"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(6), width);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), height);
        return b;
    }

    public static byte[] Bmp(int width, int height)
    {
        var b = new byte[54];
        "BM"u8.CopyTo(b);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(22), height);
        return b;
    }

    /// <summary>Extended WebP (VP8X): canvas width-1 and height-1 as 24-bit little-endian.</summary>
    public static byte[] WebPExtended(int width, int height)
    {
        var b = new byte[30];
        "RIFF"u8.CopyTo(b);
        "WEBPVP8X"u8.CopyTo(b.AsSpan(8));
        b[24] = (byte)(width - 1); b[25] = (byte)((width - 1) >> 8); b[26] = (byte)((width - 1) >> 16);
        b[27] = (byte)(height - 1); b[28] = (byte)((height - 1) >> 8); b[29] = (byte)((height - 1) >> 16);
        return b;
    }

    /// <summary>Lossless WebP (VP8L): 14-bit width-1 and height-1 after the 0x2F signature.</summary>
    public static byte[] WebPLossless(int width, int height)
    {
        var b = new byte[30];
        "RIFF"u8.CopyTo(b);
        "WEBPVP8L"u8.CopyTo(b.AsSpan(8));
        b[20] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(21), (uint)(width - 1) | ((uint)(height - 1) << 14));
        return b;
    }

    /// <summary>Lossy WebP (VP8): frame tag, start code 9D 01 2A, then 14-bit width and height.</summary>
    public static byte[] WebPLossy(int width, int height)
    {
        var b = new byte[30];
        "RIFF"u8.CopyTo(b);
        "WEBPVP8 "u8.CopyTo(b.AsSpan(8));
        b[23] = 0x9D; b[24] = 0x01; b[25] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(26), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(28), (ushort)height);
        return b;
    }
}
