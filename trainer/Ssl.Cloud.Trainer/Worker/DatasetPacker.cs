using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Packs an uploaded dataset once: downloads exactly the manifest's accepted files (not a listing of
/// <c>raw/</c>, so rejected files and late uploads stay out) in parallel, decodes and shards them with
/// <see cref="Packer"/>, uploads the shards and the pack's manifest to <c>datasets/{id}/packed/{res}/</c>, the
/// index last, and only then marks the dataset packed at that resolution. Every step can be repeated: raw files
/// already downloaded whole are kept, and the pack being deterministic (seeded), shards already in blob storage
/// with the same size are not uploaded again.</summary>
public sealed class DatasetPacker(DatasetStore datasets, IOptions<WorkerOptions> options, ILogger<DatasetPacker> log)
{
    /// <summary>Packs <paramref name="manifest"/>'s files at <paramref name="resolution"/> into
    /// <paramref name="folder"/> (a packed dataset) and publishes the pack.</summary>
    /// <returns>The manifest as marked packed.</returns>
    public async Task<DatasetManifest> PackAsync(DatasetManifest manifest, int resolution, string folder,
        CancellationToken ct)
    {
        var datasetId = manifest.DatasetId;
        var raw = Path.Combine(options.Value.WorkDirectory, "datasets", datasetId, "raw");
        await DownloadAcceptedAsync(manifest, raw, ct);

        var packing = folder + ".packing";
        if (Directory.Exists(packing)) Directory.Delete(packing, recursive: true);
        var result = await Task.Run(() => Packer.Pack(raw, packing, resolution, new PackOptions(), ct), ct);
        log.LogInformation("Dataset {DatasetId}: {Summary}", datasetId, result.Summary);

        var files = result.Manifest.Train.Shards.Concat(result.Manifest.Test.Shards).Select(s => s.File)
            .Append(PackManifest.FileName).ToList();
        var uploaded = (await datasets.ListPackedFilesAsync(datasetId, resolution, ct))
            .ToDictionary(f => f.Name, f => f.SizeBytes);
        var index = new List<PackIndexFile>();
        foreach (var file in files)
        {
            var path = Path.Combine(packing, file);
            await using var stream = File.OpenRead(path);
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            index.Add(new PackIndexFile(file, stream.Length, hash));
            // A shard of the same name and size is this shard: the pack is deterministic and blobs commit whole.
            if (file != PackManifest.FileName && uploaded.GetValueOrDefault(file, -1) == stream.Length) continue;
            stream.Position = 0;
            await datasets.UploadPackedFileAsync(datasetId, resolution, file, stream, ct);
        }
        await datasets.UploadPackedFileAsync(datasetId, resolution, PackIndex.FileName,
            new MemoryStream(new PackIndex(resolution, index).ToBytes()), ct);
        var marked = await datasets.MarkPackedAsync(datasetId, resolution, files.Count - 1, result.Taken, ct);

        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.Move(packing, folder);
        await File.WriteAllTextAsync(Path.Combine(folder, PackDownloader.CompleteMarker),
            marked.PackedAt(resolution)!.PackedAt.ToString("O"), ct);
        return marked;
    }

    /// <summary>The manifest's accepted files, a few at a time; a file already here at its recorded size is
    /// kept.</summary>
    async Task DownloadAcceptedAsync(DatasetManifest manifest, string raw, CancellationToken ct)
    {
        if (manifest.Files.Count > options.Value.MaxRawFiles)
            throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"dataset '{manifest.DatasetId}' lists {manifest.Files.Count} files, "
                + $"more than Worker:MaxRawFiles ({options.Value.MaxRawFiles})");
        log.LogInformation("Downloading the {FileCount} accepted files of dataset {DatasetId}",
            manifest.Files.Count, manifest.DatasetId);
        await Parallel.ForEachAsync(manifest.Files,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.DownloadParallelism, CancellationToken = ct },
            async (file, c) =>
            {
                var local = Path.Combine(raw, BlobLayout.RelativePath(file.Path));
                if (File.Exists(local) && new FileInfo(local).Length == file.SizeBytes) return;
                Directory.CreateDirectory(Path.GetDirectoryName(local)!);
                var temp = local + ".part";
                await using (var stream = File.Create(temp))
                    await datasets.DownloadRawFileAsync(manifest.DatasetId, file.Path, stream, c);
                File.Move(temp, local, overwrite: true);
            });
        // Anything else here (an older version's files, a download cut short) must not be packed.
        var accepted = manifest.Files.Select(f => Path.GetFullPath(Path.Combine(raw, f.Path)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(raw, "*", SearchOption.AllDirectories))
            if (!accepted.Contains(Path.GetFullPath(file))) File.Delete(file);
    }
}
