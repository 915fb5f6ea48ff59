using System.IO.Compression;

namespace Ssl.Training.Data;

/// <summary>Opening and exact reading of dataset files, with errors that name the file.</summary>
internal static class BinaryFiles
{
    /// <summary>Opens <paramref name="path"/> for reading, transparently gunzipping when it starts with the gzip
    /// magic.</summary>
    public static Stream OpenMaybeGzip(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"{path}: cannot open ({e.Message})", e);
        }
        Span<byte> magic = stackalloc byte[2];
        var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Fills <paramref name="buffer"/> or throws a <see cref="DatasetException"/> saying how much was
    /// missing.</summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        int read;
        try
        {
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: corrupt compressed data while reading {what} ({e.Message})", e);
        }
        if (read < buffer.Length)
            throw new DatasetException(
                $"{path}: truncated: {what} needs {buffer.Length} bytes, the file has only {read}");
    }
}
