using System.IO.Compression;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Archives;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Functions.Configuration;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>A zip archive judged without pulling it into memory (<see cref="BlobZipArchive"/>): the central
/// directory is read first (entry count, total declared size: a bomb is refused before any entry is
/// inflated), then each entry's name (zip slip: absolute paths, '..', drive letters, backslashes), declared size,
/// compression ratio, and image header from its first bytes. Entries are reported as
/// <c>{archive}/{entry}</c>.</summary>
public sealed class ZipCheck(ImageCheck images, IOptions<PipelineOptions> options)
{
    public async Task<FileVerdict> JudgeAsync(BlobClient blob, string path, CancellationToken ct)
    {
        var limits = options.Value;
        BlobZipArchive archive;
        try
        {
            archive = await BlobZipArchive.OpenAsync(blob, ct);
        }
        catch (InvalidDataException e)
        {
            return FileVerdict.Reject(path, $"not a readable zip archive: {e.Message}");
        }
        await using (archive)
        {
            var entries = archive.Files;
            if (entries.Count > limits.MaxZipEntries)
                return FileVerdict.Reject(path,
                    $"{entries.Count} entries; an archive may have at most {limits.MaxZipEntries}");
            var total = entries.Sum(e => e.Length);
            if (total > limits.MaxZipTotalBytes)
                return FileVerdict.Reject(path,
                    $"entries declare {total} bytes uncompressed; at most {limits.MaxZipTotalBytes}");
            var accepted = new List<ManifestFile>();
            var rejected = new List<RejectedFile>();
            foreach (var entry in entries)
            {
                var verdict = await JudgeEntryAsync(entry, path, ct);
                accepted.AddRange(verdict.Accepted);
                rejected.AddRange(verdict.Rejected);
            }
            return new FileVerdict(accepted, rejected);
        }
    }

    async Task<FileVerdict> JudgeEntryAsync(ZipArchiveEntry entry, string archivePath, CancellationToken ct)
    {
        var path = BlobZipArchive.EntryPath(archivePath, entry.FullName);
        if (!SafeName(entry.FullName))
            return FileVerdict.Reject(path,
                "unsafe entry name (zip slip): entries must be relative paths without '..', '.', "
                + "a leading '/', a drive letter or '\\'");
        if (entry.CompressedLength > 0 && (double)entry.Length / entry.CompressedLength > options.Value.MaxZipRatio)
            return FileVerdict.Reject(path, $"compression ratio {(double)entry.Length / entry.CompressedLength:F0} "
                + $"({entry.Length} bytes from {entry.CompressedLength}); "
                + $"at most {options.Value.MaxZipRatio} (zip bomb)");
        if (entry.Length > options.Value.MaxFileBytes)
            return images.Judge(path, entry.FullName, entry.Length, []);
        try
        {
            await using var content = await entry.OpenAsync(ct);
            return images.Judge(path, entry.FullName, entry.Length,
                await ImageCheck.ReadHeadAsync(content, ct));
        }
        catch (InvalidDataException e)
        {
            return FileVerdict.Reject(path, $"entry cannot be read: {e.Message}");
        }
    }

    static bool SafeName(string name)
    {
        if (name.Contains(':') || name.StartsWith('/')) return false;
        try
        {
            BlobLayout.RelativePath(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
