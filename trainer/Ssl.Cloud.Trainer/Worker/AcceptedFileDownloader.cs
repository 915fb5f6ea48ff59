using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Archives;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Data;
using Ssl.Training.IO;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Brings exactly a manifest's accepted files into a local image folder for <c>Packer</c>: raw files one
/// blob each, in parallel; entries of an uploaded zip archive through <see cref="BlobZipArchive"/> (ranged reads of
/// the archive blob, the accepted entries only, each archive read forward by one task), so an archive is never
/// pulled whole into memory or onto disk; the local folder holds the accepted images only, as it would for an
/// upload of loose files. A file already here at its manifest size is kept (a rerun downloads only what is missing),
/// and every file gets one fixed modification time, so the pack's source hash, and so its shards, are the same on
/// every machine.</summary>
public sealed class AcceptedFileDownloader(DatasetStore datasets, IOptions<WorkerOptions> options,
    ILogger<AcceptedFileDownloader> log)
{
    static readonly DateTime FixedTime = DateTime.UnixEpoch;

    /// <exception cref="DatasetException">An archive or an entry the manifest lists is missing, unreadable or not
    /// the size the manifest says; the message names it.</exception>
    /// <param name="manifest">The dataset's manifest.</param>
    /// <param name="folder">The local image folder.</param>
    /// <param name="only">When given, only the files at these paths under <paramref name="folder"/> (as
    /// <see cref="LocalPath"/> names them): a pack continued needs no others.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task DownloadAsync(DatasetManifest manifest, string folder, CancellationToken ct,
        IReadOnlySet<string>? only = null)
    {
        var id = manifest.DatasetId;
        Directory.CreateDirectory(folder);
        var archives = (await datasets.ListRawFilesAsync(id, ct)).Select(f => f.Name)
            .Where(BlobZipArchive.IsArchive).ToHashSet(StringComparer.Ordinal);
        var groups = manifest.Files.GroupBy(f => BlobZipArchive.ArchiveOf(f.Path, archives) ?? "").ToList();
        var local = new Dictionary<string, ManifestFile>(StringComparer.Ordinal);
        foreach (var group in groups)
            foreach (var file in group.Where(f => only?.Contains(LocalPath(f.Path, group.Key)) != false))
                local[Path.GetFullPath(Path.Combine(folder, LocalPath(file.Path, group.Key)))] = file;
        var todo = local.Where(f => !(File.Exists(f.Key) && new FileInfo(f.Key).Length == f.Value.SizeBytes))
            .Select(f => f.Value).ToHashSet();
        log.LogInformation("Dataset {DatasetId}: {Missing} of {FileCount} accepted files to download ({Archives} "
            + "archive(s))", id, todo.Count, local.Count, archives.Count);

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Value.DownloadParallelism, CancellationToken = ct,
        };
        var loose = groups.Where(g => g.Key.Length == 0).SelectMany(g => g).Where(todo.Contains);
        await Parallel.ForEachAsync(loose, parallel, async (file, c) =>
        {
            var path = Path.Combine(folder, LocalPath(file.Path, ""));
            await AtomicFile.WriteAsync(path, async s => await datasets.DownloadRawFileAsync(id, file.Path, s, c), c);
        });
        var zipped = groups.Where(g => g.Key.Length > 0 && g.Any(todo.Contains));
        await Parallel.ForEachAsync(zipped, parallel, async (group, c) =>
                await ExtractAsync(id, group.Key, [.. group.Where(todo.Contains)], folder, c));

        // Anything else here (an older version's files, a download cut short) must not be packed.
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            if (!local.ContainsKey(Path.GetFullPath(path))) File.Delete(path);
        foreach (var path in local.Keys) File.SetLastWriteTimeUtc(path, FixedTime);
    }

    /// <summary>Where a manifest file lands under the local folder. A loose file keeps its path. An archive's entry
    /// keeps its folders (class folder, <c>train/</c>/<c>test/</c>), so it gets the label the manifest gave it, and
    /// its file name is prefixed with the archive's path, so entries of two archives, or an entry and a loose file,
    /// never land on one path: <c>pets.zip/cat/001.png</c> becomes <c>cat/pets.zip!001.png</c>.</summary>
    public static string LocalPath(string manifestPath, string archive)
    {
        if (archive.Length == 0) return BlobLayout.RelativePath(manifestPath);
        var entry = BlobLayout.RelativePath(manifestPath[(archive.Length + 1)..]);
        var slash = entry.LastIndexOf('/');
        return $"{entry[..(slash + 1)]}{archive.Replace('/', '!')}!{entry[(slash + 1)..]}";
    }

    async Task ExtractAsync(string datasetId, string archivePath, IReadOnlyList<ManifestFile> files, string folder,
        CancellationToken ct)
    {
        var name = $"{BlobLayout.DatasetsContainer}/{BlobLayout.DatasetRawFile(datasetId, archivePath)}";
        var wanted = files.ToDictionary(f => f.Path[(archivePath.Length + 1)..], StringComparer.Ordinal);
        try
        {
            await using var archive = await datasets.OpenRawArchiveAsync(datasetId, archivePath, ct);
            foreach (var entry in archive.Files)
            {
                if (!wanted.Remove(entry.FullName, out var file)) continue;
                var path = Path.Combine(folder, LocalPath(file.Path, archivePath));
                await AtomicFile.WriteAsync(path, async target =>
                {
                    await using var content = await entry.OpenAsync(ct);
                    await CopyExactlyAsync(content, target, file, name, ct);
                }, ct);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new DatasetException($"{name}: the archive cannot be read ({e.Message})", e);
        }
        if (wanted.Count > 0)
            throw new DatasetException($"{name}: {wanted.Count} entries the manifest accepted are not in the archive "
                + $"(first: {wanted.Keys.Order(StringComparer.Ordinal).First()}); was it replaced after commit?");
    }

    /// <summary>Copies an entry, refusing one whose bytes are not the size the manifest recorded (an archive replaced
    /// after commit, or a directory that lies): at most one byte past it is ever inflated.</summary>
    static async Task CopyExactlyAsync(Stream content, Stream target, ManifestFile file, string archive,
        CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length,
                   file.SizeBytes + 1 - total)), ct)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            total += read;
            if (total > file.SizeBytes) break;
        }
        if (total != file.SizeBytes)
        {
            var size = total > file.SizeBytes ? $"more than {file.SizeBytes}" : $"{total}";
            throw new DatasetException(
                $"{archive}: entry {file.Path} has {size} bytes; the manifest accepted {file.SizeBytes}");
        }
    }
}
