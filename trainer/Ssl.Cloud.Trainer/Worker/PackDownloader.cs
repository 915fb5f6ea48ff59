using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Data;
using Ssl.Training.IO;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Brings a dataset's pack from <c>datasets/{id}/packed/{res}/</c> into a local folder, in parallel, and
/// checks every file against the pack's index (size and SHA-256) before the folder is used: a missing or damaged
/// shard fails with the blob's name, and a folder is marked complete only when every file arrived whole. A folder
/// already complete for the same pack (the manifest's <see cref="PackedShardSet.PackedAt"/>) is not downloaded
/// again.</summary>
public sealed class PackDownloader(DatasetStore datasets, IOptions<WorkerOptions> options, ILogger<PackDownloader> log)
{
    public const string CompleteMarker = ".complete";

    /// <exception cref="DatasetException">A file is missing or damaged; the message names its blob.</exception>
    public async Task DownloadAsync(string datasetId, PackedShardSet set, string folder, CancellationToken ct)
    {
        var marker = Path.Combine(folder, CompleteMarker);
        var version = set.PackedAt.ToString("O");
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker, ct) == version) return;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);

        var index = await ReadIndexAsync(datasetId, set.Resolution, ct);
        log.LogInformation("Downloading {FileCount} packed files of dataset {DatasetId} at {Resolution}",
            index.Files.Count, datasetId, set.Resolution);
        await Parallel.ForEachAsync(index.Files,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.DownloadParallelism, CancellationToken = ct },
            async (file, c) => await DownloadFileAsync(datasetId, set.Resolution, file, folder, c));
        await File.WriteAllTextAsync(marker, version, ct);
    }

    async Task<PackIndex> ReadIndexAsync(string datasetId, int resolution, CancellationToken ct)
    {
        var name = BlobName(datasetId, resolution, PackIndex.FileName);
        using var buffer = new MemoryStream();
        try
        {
            await datasets.DownloadPackedFileAsync(datasetId, resolution, PackIndex.FileName, buffer, ct);
            return PackIndex.Parse(buffer.ToArray(), name);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new DatasetException(
                $"{name}: the pack's index is missing or damaged ({e.Message}); repack the dataset", e);
        }
    }

    async Task DownloadFileAsync(string datasetId, int resolution, PackIndexFile file, string folder,
        CancellationToken ct)
    {
        var name = BlobName(datasetId, resolution, file.Name);
        var local = Path.Combine(folder, file.Name);
        try
        {
            await AtomicFile.WriteAsync(local, async stream =>
            {
                await datasets.DownloadPackedFileAsync(datasetId, resolution, file.Name, stream, ct);
                if (stream.Length != file.Bytes)
                    throw new DatasetException(
                        $"{name}: damaged shard: {stream.Length} bytes, the pack's index says {file.Bytes}");
                stream.Position = 0;
                var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
                if (hash != file.Sha256)
                    throw new DatasetException(
                        $"{name}: damaged shard: SHA-256 {hash}, the pack's index says {file.Sha256}");
            }, ct);
        }
        catch (FileNotFoundException e)
        {
            throw new DatasetException($"{name}: shard listed in the pack's index is missing", e);
        }
    }

    /// <summary>The blob's full name, container included, as errors quote it.</summary>
    public static string BlobName(string datasetId, int resolution, string file) =>
        $"{BlobLayout.DatasetsContainer}/{BlobLayout.DatasetPackedFile(datasetId, resolution, file)}";
}
