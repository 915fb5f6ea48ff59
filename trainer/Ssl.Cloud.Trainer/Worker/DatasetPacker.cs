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
/// <para>Resumable on any machine: each shard is uploaded as soon as it is written, then
/// <see cref="PackCheckpoints"/> records the plan (the files in decode order) and how far the pack got. A pack
/// killed part-way continues from the last shard it uploaded, downloading only the raw files of the shards still to
/// write (<see cref="Packer"/> continues a plan: the shards come out byte for byte as from an uninterrupted pack).
/// Every blob is committed whole and the pack is deterministic (seeded order, fixed file times); a shard already in
/// blob storage with the local shard's Content-MD5 is not uploaded again, raw files already here are not downloaded
/// again, and a local pack that finished is not decoded again.</para>
/// <para>One packer at a time: a packer holds the blob lease on the dataset's pack lock
/// (<see cref="BlobLayout.DatasetPackLock"/>), renewed while it packs and released when it stops. Another packer of
/// the same dataset and resolution (the pack job and a training run, say) waits, polling every
/// <see cref="WorkerOptions.PackWait"/>, until the pack is marked done, and then packs nothing: its caller reads the
/// shards. A crashed holder's lease expires after <see cref="WorkerOptions.LeaseDuration"/>, and the waiter takes the
/// pack over and resumes it.</para>
/// </summary>
public sealed class DatasetPacker(DatasetStore datasets, AcceptedFileDownloader accepted,
    IOptions<WorkerOptions> options, TimeProvider time, ILogger<DatasetPacker> log)
{
    /// <summary>Packs <paramref name="manifest"/>'s files at <paramref name="resolution"/> into
    /// <paramref name="folder"/> (a packed dataset) and publishes the pack, unless another packer is packing it: then
    /// waits for that one to finish, and <paramref name="folder"/> is left as it was.</summary>
    /// <returns>The manifest as marked packed.</returns>
    /// <exception cref="LeaseLostException">The lease expired while packing (a long stall) and another packer took
    /// the pack over.</exception>
    public async Task<DatasetManifest> PackAsync(DatasetManifest manifest, int resolution, string folder,
        CancellationToken ct)
    {
        var (lease, current) = await AcquireAsync(manifest, resolution, ct);
        if (lease is null) return current;
        await using (lease)
        {
            await using var keeper = new LeaseKeeper(lease, time, log);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, keeper.Lost.Token);
            try
            {
                return await PackHeldAsync(current, resolution, folder, linked.Token);
            }
            catch (OperationCanceledException e)
                when (keeper.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new LeaseLostException(lease.Name, e);
            }
        }
    }

    /// <summary>Takes the pack lock, waiting while another packer holds it. Returns no lease when the dataset is
    /// packed at <paramref name="resolution"/> by the time the lock is free (or taken).</summary>
    async Task<(BlobLease? Lease, DatasetManifest Manifest)> AcquireAsync(DatasetManifest manifest, int resolution,
        CancellationToken ct)
    {
        var datasetId = manifest.DatasetId;
        while (true)
        {
            var lease = await datasets.TryAcquirePackLeaseAsync(datasetId, resolution, options.Value.LeaseDuration,
                ct);
            // Read after the lease: a packer marks the pack done before it releases.
            var current = (await datasets.GetManifestAsync(datasetId, ct))?.Value ?? manifest;
            if (current.PackedAt(resolution) is not null)
            {
                if (lease is not null) await lease.DisposeAsync();
                log.LogInformation("Dataset {DatasetId} was packed at {Resolution} by another worker", datasetId,
                    resolution);
                return (null, current);
            }
            if (lease is not null) return (lease, current);
            log.LogInformation("Dataset {DatasetId} is being packed at {Resolution} by another worker; waiting",
                datasetId, resolution);
            await Task.Delay(options.Value.PackWait, time, ct);
        }
    }

    async Task<DatasetManifest> PackHeldAsync(DatasetManifest manifest, int resolution, string folder,
        CancellationToken ct)
    {
        var datasetId = manifest.DatasetId;
        var raw = Path.Combine(options.Value.WorkDirectory, "datasets", datasetId, "raw");
        if (manifest.Files.Count > options.Value.MaxRawFiles)
            throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"dataset '{datasetId}' lists {manifest.Files.Count} files, "
                + $"more than Worker:MaxRawFiles ({options.Value.MaxRawFiles})");
        var uploaded = (await datasets.ListPackedFilesAsync(datasetId, resolution, ct)).ToDictionary(f => f.Name);
        var shaping = new PackOptions();
        var checkpoints = new PackCheckpoints(datasets, manifest, resolution, shaping);
        var resume = await checkpoints.ReadAsync(uploaded, ct);
        var written = new Dictionary<string, PackIndexFile>(StringComparer.Ordinal);
        foreach (var file in resume?.Written ?? []) written[file.Name] = file;
        var packing = folder + ".packing";

        PackResult? result = null;
        if (resume is { } r)
        {
            // Only the raw files of the shards not yet written; the plan knows which those are.
            var remaining = r.Plan.Files.Skip(r.Progress.Position).Select(f => f.Path)
                .ToHashSet(StringComparer.Ordinal);
            log.LogInformation("Dataset {DatasetId}: continuing the pack at {Resolution} after {Shards} shard(s), "
                + "{Remaining} of {FileCount} files to go", datasetId, resolution, written.Count, remaining.Count,
                r.Plan.Files.Count);
            await accepted.DownloadAsync(manifest, raw, ct, remaining);
            if (!remaining.All(path => File.Exists(Path.Combine(raw, path))))
            {
                // The plan names files the manifest does not bring (it cannot be continued): start again.
                log.LogWarning("Dataset {DatasetId}: the recorded pack plan does not match the manifest's files; "
                    + "packing from the start", datasetId);
                resume = null;
                written.Clear();
                checkpoints.Restart();
            }
        }
        if (resume is null)
        {
            await accepted.DownloadAsync(manifest, raw, ct);
            result = FinishedLocalPack(raw, packing, resolution);
        }
        if (result is null)
        {
            if (Directory.Exists(packing)) Directory.Delete(packing, recursive: true);
            var packOptions = shaping with
            {
                Resume = resume is { } c ? (c.Plan, c.Progress) : null,
                OnShard = (plan, progress, shard) => Task.Run(async () =>
                {
                    written[shard.File] = await UploadAsync(datasetId, resolution, packing, shard.File, uploaded, ct);
                    await checkpoints.WriteAsync(plan, progress, [.. written.Values], ct);
                }, ct).GetAwaiter().GetResult(),
            };
            result = await Task.Run(() => Packer.Pack(raw, packing, resolution, packOptions, ct), ct);
        }
        log.LogInformation("Dataset {DatasetId}: {Summary}", datasetId, result.Summary);

        var shards = result.Manifest.Train.Shards.Concat(result.Manifest.Test.Shards).Select(s => s.File).ToList();
        var index = new List<PackIndexFile>();
        foreach (var file in shards.Append(PackManifest.FileName))
            index.Add(written.GetValueOrDefault(file)
                ?? await UploadAsync(datasetId, resolution, packing, file, uploaded, ct));
        await datasets.UploadPackedFileAsync(datasetId, resolution, PackIndex.FileName,
            new MemoryStream(new PackIndex(resolution, index).ToBytes()), ct);
        var marked = await datasets.MarkPackedAsync(datasetId, resolution, shards.Count, result.Taken, ct);
        await checkpoints.DeleteAsync(ct);

        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        if (resume is not null)
        {
            // The shards written before the restart are not here: the caller downloads the pack.
            Directory.Delete(packing, recursive: true);
            return marked;
        }
        Directory.Move(packing, folder);
        await File.WriteAllTextAsync(Path.Combine(folder, PackDownloader.CompleteMarker),
            marked.PackedAt(resolution)!.PackedAt.ToString("O"), ct);
        return marked;
    }

    /// <summary>Uploads one file of the local pack unless blob storage has it already (same Content-MD5: written by
    /// an earlier, interrupted pack), and returns its index entry.</summary>
    async Task<PackIndexFile> UploadAsync(string datasetId, int resolution, string packing, string file,
        IReadOnlyDictionary<string, ArtifactInfo> uploaded, CancellationToken ct)
    {
        await using var stream = File.OpenRead(Path.Combine(packing, file));
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        stream.Position = 0;
        var md5 = Convert.ToBase64String(await MD5.HashDataAsync(stream, ct));
        if (uploaded.GetValueOrDefault(file)?.ContentMd5 != md5)
        {
            stream.Position = 0;
            await datasets.UploadPackedFileAsync(datasetId, resolution, file, stream, ct);
        }
        return new PackIndexFile(file, stream.Length, hash);
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
