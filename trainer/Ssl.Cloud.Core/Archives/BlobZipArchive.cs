using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Ssl.Cloud.Core.Archives;

/// <summary>A zip archive read where it lies in blob storage: the blob is opened as a seekable stream over ranged
/// GETs of <see cref="RangeBytes"/>, so the central directory is read from the end, and an entry's bytes are fetched
/// only when it is opened; the archive is never pulled whole into memory or onto disk. The one zip reader of the
/// pipeline: the Functions judge an upload's entries with it, the worker's packer extracts accepted entries with
/// it. Not thread-safe (one stream): open entries one after another, in <see cref="Files"/> order to read forward.
/// A manifest names an entry <c>{archive}/{entry}</c> (<see cref="EntryPath"/>).</summary>
public sealed class BlobZipArchive : IAsyncDisposable
{
    /// <summary>Bytes per ranged GET: enough for many small images per request, little waste on a header.</summary>
    public const int RangeBytes = 256 * 1024;

    readonly Stream stream;
    readonly ZipArchive archive;

    BlobZipArchive(Stream stream, ZipArchive archive)
    {
        this.stream = stream;
        this.archive = archive;
        Files = [.. archive.Entries.Where(e => !e.FullName.EndsWith('/'))];
    }

    /// <summary>The archive's file entries (folders left out), in central-directory order.</summary>
    public IReadOnlyList<ZipArchiveEntry> Files { get; }

    /// <summary>A raw file is an archive by its name, as the upload API and the manifest treat it.</summary>
    public static bool IsArchive(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>How a manifest names <paramref name="entryName"/> of the archive at <paramref name="archivePath"/>
    /// (both relative: the archive to <c>raw/</c>, the entry to the archive).</summary>
    public static string EntryPath(string archivePath, string entryName) => $"{archivePath}/{entryName}";

    /// <summary>The archive among <paramref name="archives"/> (raw files that are archives) that holds the manifest
    /// path <paramref name="path"/>, or null when the path is a raw file of its own.</summary>
    public static string? ArchiveOf(string path, IReadOnlySet<string> archives)
    {
        if (archives.Contains(path)) return null;
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
            if (archives.Contains(path[..slash])) return path[..slash];
        return null;
    }

    /// <exception cref="InvalidDataException">The blob is not a readable zip archive.</exception>
    /// <exception cref="FileNotFoundException">No such blob; the message names it.</exception>
    public static async Task<BlobZipArchive> OpenAsync(BlobClient blob, CancellationToken ct)
    {
        Stream stream;
        try
        {
            stream = await blob.OpenReadAsync(
                    new BlobOpenReadOptions(allowModifications: false) { BufferSize = RangeBytes }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            var name = $"{blob.BlobContainerName}/{blob.Name}";
            throw new FileNotFoundException($"{name} does not exist", name, e);
        }
        try
        {
            var archive = await ZipArchive.CreateAsync(
                    stream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct);
            return new BlobZipArchive(stream, archive);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await archive.DisposeAsync();
        await stream.DisposeAsync();
    }
}
