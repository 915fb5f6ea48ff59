using System.Buffers.Binary;
using System.IO.Compression;

namespace Ssl.Training.Tests.Data.Packing;

/// <summary>Byte-exact bad inputs for validation tests.</summary>
public static class HostileFiles
{
    /// <summary>A PNG signature and a valid IHDR chunk declaring <paramref name="width"/> x <paramref name="height"/>,
    /// and no pixel data: a few dozen bytes that would ask a naive decoder for gigabytes.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        byte[] typeAndData = [.. "IHDR"u8, .. ihdr];
        var chunk = new byte[4 + typeAndData.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, ihdr.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typeAndData.Length), Crc32(typeAndData));
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. chunk];
    }

    /// <summary>A zip whose entries are written under exactly the given names, '..' and absolute ones
    /// included.</summary>
    public static void Zip(string path, params (string Name, byte[] Content)[] entries)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            stream.Write(content);
        }
    }

    static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
