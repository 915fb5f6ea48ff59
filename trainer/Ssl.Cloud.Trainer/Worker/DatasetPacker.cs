using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Packs an uploaded dataset once: brings exactly the manifest's accepted files into a local folder
/// (<see cref="AcceptedFileDownloader"/>: not a listing of <c>raw/</c>, so rejected files and late uploads stay
/// out; zip entries by ranged reads), decodes and shards them with <see cref="Packer"/>, uploads the shards and the
/// pack's manifest to <c>datasets/{id}/packed/{res}/</c>, the index last, and only then marks the dataset packed at
/// that resolution.
/// <para>Resumable: every blob is committed whole, and the pack is deterministic (seeded order, fixed file times),
/// so a pack killed part-way is run again and continues. Raw files already here are not downloaded again, a local
/// pack that finished (its <c>manifest.json</c> is written last) for the same files is not decoded again, and a
/// shard already in blob storage with the local shard's Content-MD5 is not uploaded again. A fresh machine has no
/// local files, so it downloads and decodes again, but still uploads only the shards not yet written.</para>
/// </summary>
public sealed class DatasetPacker(DatasetStore datasets, AcceptedFileDownloader accepted,
    IOptions<WorkerOptions> options, ILogger<DatasetPacker> log)
{
    /// <summary>Packs <paramref name="manifest"/>'s files at <paramref name="resolution"/> into
    /// <paramref name="folder"/> (a packed dataset) and publishes the pack.</summary>
    /// <returns>The manifest as marked packed.</returns>
    public async Task<DatasetManifest> PackAsync(DatasetManifest manifest, int resolution, string folder,
        CancellationToken ct)
    {
        var datasetId = manifest.DatasetId;
        var raw = Path.Combine(options.Value.WorkDirectory, "datasets", datasetId, "raw");
        if (manifest.Files.Count > options.Value.MaxRawFiles)
            throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"dataset '{datasetId}' lists {manifest.Files.Count} files, "
                + $"more than Worker:MaxRawFiles ({options.Value.MaxRawFiles})");
        await accepted.DownloadAsync(manifest, raw, ct);

        var packing = folder + ".packing";
        var result = FinishedLocalPack(raw, packing, resolution);
        if (result is null)
        {
            if (Directory.Exists(packing)) Directory.Delete(packing, recursive: true);
            result = await Task.Run(() => Packer.Pack(raw, packing, resolution, new PackOptions(), ct), ct);
        }
        log.LogInformation("Dataset {DatasetId}: {Summary}", datasetId, result.Summary);

        var files = result.Manifest.Train.Shards.Concat(result.Manifest.Test.Shards).Select(s => s.File)
            .Append(PackManifest.FileName).ToList();
        var uploaded = (await datasets.ListPackedFilesAsync(datasetId, resolution, ct))
            .ToDictionary(f => f.Name, f => f.ContentMd5);
        var index = new List<PackIndexFile>();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(Path.Combine(packing, file));
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            index.Add(new PackIndexFile(file, stream.Length, hash));
            stream.Position = 0;
            var md5 = Convert.ToBase64String(await MD5.HashDataAsync(stream, ct));
            if (uploaded.GetValueOrDefault(file) == md5) continue; // written by an earlier, interrupted pack
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

    /// <summary>The local pack an interrupted attempt finished before it was stopped, when it was made from exactly
    /// these raw files at this resolution; else null.</summary>
    static PackResult? FinishedLocalPack(string raw, string packing, int resolution)
    {
        if (!File.Exists(Path.Combine(packing, PackManifest.FileName))) return null;
        try
        {
            var manifest = PackManifest.Read(packing);
            var whole = manifest.Train.Shards.Concat(manifest.Test.Shards)
                .All(s => File.Exists(Path.Combine(packing, s.File))
                    && new FileInfo(Path.Combine(packing, s.File)).Length == s.Bytes);
            return whole && manifest.Resolution == resolution && manifest.SourceHash == Packer.SourceHash(raw)
                ? new PackResult(packing, manifest)
                : null;
        }
        catch (DatasetException)
        {
            return null;
        }
    }
}
