using System.IO.Compression;

namespace Ssl.Training.Data.Packing;

/// <summary>A file of a source, on disk or inside a zip archive, placed at a '/'-separated path relative to the
/// source root (archive entries sit where the archive would unpack them).</summary>
internal abstract class SourceItem(string relativePath, string displayPath, long length)
{
    public string RelativePath { get; } = relativePath;

    /// <summary>What rejects call it: the relative path, or <c>archive.zip!entry</c>.</summary>
    public string DisplayPath { get; } = displayPath;

    /// <summary>Size on disk, or the archive's declared uncompressed size.</summary>
    public long Length { get; } = length;

    /// <summary>The whole content. Throws IOException or InvalidDataException with a reason when it cannot be
    /// read.</summary>
    public abstract byte[] Read();
}

internal sealed class DiskItem(string path, string relativePath, long length)
    : SourceItem(relativePath, relativePath, length)
{
    public override byte[] Read() => File.ReadAllBytes(path);
}

/// <summary>An archive entry. Entries of one archive share its stream, so reads of one archive are
/// serialised.</summary>
internal sealed class ZipItem(ZipArchive archive, ZipArchiveEntry entry, string relativePath, string displayPath)
    : SourceItem(relativePath, displayPath, entry.Length)
{
    public override byte[] Read()
    {
        lock (archive)
        {
            using var stream = entry.Open();
            var buffer = new byte[Length + 1];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            // The central directory's sizes can lie: never inflate past what the entry declared.
            if (read > Length)
                throw new InvalidDataException($"zip bomb: the entry inflates beyond its declared {Length} bytes");
            if (read < Length) throw new InvalidDataException($"truncated zip entry: {read} of {Length} bytes");
            return buffer[..read];
        }
    }
}
