using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Polly;
using Ssl.Cloud.Core.Archives;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Storage;

/// <summary>The <c>datasets</c> container: uploaded raw files, the manifest, packed shards.
/// Each public operation runs as one unit under the resilience pipeline.</summary>
public sealed partial class DatasetStore(
    BlobContainerClient datasets, ResiliencePipeline? resilience = null, TimeProvider? time = null)
{
    readonly ResiliencePipeline resilience = resilience ?? ResiliencePipeline.Empty;
    readonly TimeProvider time = time ?? TimeProvider.System;

    public BlobContainerClient Container => datasets;

    internal int BlockSize { get; init; } = AtomicBlobWriter.DefaultBlockSize;

    public Task EnsureCreatedAsync(CancellationToken ct = default) =>
        Run(async c => await datasets.CreateIfNotExistsAsync(cancellationToken: c), ct);

    /// <summary>The manifest with its ETag, or null when the dataset has none (not validated, or no such
    /// dataset).</summary>
    public Task<Versioned<DatasetManifest>?> GetManifestAsync(string datasetId, CancellationToken ct = default) =>
        Run(c => JsonBlob.ReadAsync<DatasetManifest>(ManifestBlob(datasetId), c), ct);

    /// <summary>Writes the manifest: create-only when <paramref name="ifMatch"/> is null, else only over that
    /// version.</summary>
    /// <exception cref="ConcurrencyConflictException">It exists (create) or changed (replace); nothing was
    /// overwritten.</exception>
    public Task<ETag> WriteManifestAsync(DatasetManifest manifest, ETag? ifMatch, CancellationToken ct = default) =>
        Run(c => JsonBlob.WriteAsync(ManifestBlob(manifest.DatasetId), manifest, ifMatch, c), ct);

    /// <summary>Read, mutate, conditional write; re-reads and re-applies on a lost race.</summary>
    /// <exception cref="DatasetNotFoundException">No manifest.</exception>
    public Task<DatasetManifest> UpdateManifestAsync(
        string datasetId, Func<DatasetManifest, DatasetManifest> mutate, CancellationToken ct = default)
    {
        var pending = new JsonBlob.PendingWrite();
        return Run(c => JsonBlob.UpdateAsync(
            ManifestBlob(datasetId), mutate, () => new DatasetNotFoundException(datasetId), pending, c), ct);
    }

    /// <summary>Records a complete shard set in the manifest, replacing one at the same resolution.
    /// Call after the last shard is uploaded.</summary>
    public Task<DatasetManifest> MarkPackedAsync(
        string datasetId, int resolution, int shardCount, long imageCount, CancellationToken ct = default) =>
        UpdateManifestAsync(datasetId, m => m with
        {
            Packed = [.. m.Packed.Where(p => p.Resolution != resolution),
                new PackedShardSet
                {
                    Resolution = resolution, ShardCount = shardCount, ImageCount = imageCount,
                    PackedAt = time.GetUtcNow()
                }],
            UpdatedAt = time.GetUtcNow(),
        }, ct);

    /// <summary>Stores one uploaded file under <c>raw/</c> (small uploads posted through the API;
    /// large ones go straight to blob with a SAS).</summary>
    public Task<ArtifactInfo> UploadRawFileAsync(string datasetId, string relativePath, Stream content,
        string contentType, CancellationToken ct = default) =>
        WriteAtomicallyAsync(
            BlobLayout.DatasetRawFile(datasetId, relativePath), relativePath, content, contentType, ct);

    /// <summary>Everything under <c>raw/</c>, names relative to it.</summary>
    public Task<IReadOnlyList<ArtifactInfo>> ListRawFilesAsync(string datasetId, CancellationToken ct = default) =>
        ListAsync(BlobLayout.DatasetRawPrefix(datasetId), ct);

    /// <summary>A lazily ranged read stream over a raw file, for validation that reads headers only.
    /// Not retried as a whole: the caller owns the stream.</summary>
    public async Task<Stream> OpenRawFileAsync(string datasetId, string relativePath, CancellationToken ct = default)
    {
        var blob = datasets.GetBlobClient(BlobLayout.DatasetRawFile(datasetId, relativePath));
        try
        {
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"{JsonBlob.Describe(blob)} does not exist", JsonBlob.Describe(blob), e);
        }
    }

    /// <summary>The raw file <paramref name="relativePath"/> read in place as a zip archive (ranged GETs). Not
    /// retried as a whole: the caller owns the archive.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a readable zip archive.</exception>
    public Task<BlobZipArchive> OpenRawArchiveAsync(string datasetId, string relativePath,
        CancellationToken ct = default) =>
        BlobZipArchive.OpenAsync(datasets.GetBlobClient(BlobLayout.DatasetRawFile(datasetId, relativePath)), ct);

    /// <summary>Downloads one raw file into <paramref name="destination"/> (writable, seekable), e.g. for a worker
    /// that trains on the upload.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public Task DownloadRawFileAsync(
        string datasetId, string relativePath, Stream destination, CancellationToken ct = default) =>
        BlobDownload.ToStreamAsync(datasets.GetBlobClient(BlobLayout.DatasetRawFile(datasetId, relativePath)),
            destination, resilience, ct);

    public Task UploadPackedShardAsync(
        string datasetId, int resolution, int shard, Stream content, CancellationToken ct = default) =>
        WriteAtomicallyAsync(BlobLayout.DatasetPackedShard(datasetId, resolution, shard), $"shard {shard}", content,
            "application/octet-stream", ct);

    /// <exception cref="FileNotFoundException">No such shard.</exception>
    public Task DownloadPackedShardAsync(
        string datasetId, int resolution, int shard, Stream destination, CancellationToken ct = default) =>
        BlobDownload.ToStreamAsync(datasets.GetBlobClient(BlobLayout.DatasetPackedShard(datasetId, resolution, shard)),
            destination, resilience, ct);

    /// <summary>Stores one file of a pack under <c>packed/{resolution}/</c> by its own name.</summary>
    public Task<ArtifactInfo> UploadPackedFileAsync(string datasetId, int resolution, string fileName, Stream content,
        CancellationToken ct = default) =>
        WriteAtomicallyAsync(BlobLayout.DatasetPackedFile(datasetId, resolution, fileName), fileName, content,
            "application/octet-stream", ct);

    /// <exception cref="FileNotFoundException">No such file; the message names the blob.</exception>
    public Task DownloadPackedFileAsync(string datasetId, int resolution, string fileName, Stream destination,
        CancellationToken ct = default) =>
        BlobDownload.ToStreamAsync(
            datasets.GetBlobClient(BlobLayout.DatasetPackedFile(datasetId, resolution, fileName)),
            destination, resilience, ct);

    /// <summary>Deletes one file of a pack; one already gone is nothing to delete.</summary>
    public Task DeletePackedFileAsync(string datasetId, int resolution, string fileName,
        CancellationToken ct = default) =>
        Run(async c => (await datasets.GetBlobClient(BlobLayout.DatasetPackedFile(datasetId, resolution, fileName))
            .DeleteIfExistsAsync(cancellationToken: c)).Value, ct);

    /// <summary>The files under <c>packed/{resolution}/</c> by name, size and Content-MD5: what an interrupted
    /// pack already wrote (every blob is committed whole, so one that is listed is complete).</summary>
    public Task<IReadOnlyList<ArtifactInfo>> ListPackedFilesAsync(string datasetId, int resolution,
        CancellationToken ct = default) =>
        ListAsync(BlobLayout.DatasetPackedPrefix(datasetId, resolution), ct);

    /// <summary>Takes the lease on the dataset's pack lock at <paramref name="resolution"/> (the empty blob
    /// <see cref="BlobLayout.DatasetPackLock"/>, created on first use), or returns null while another packer holds
    /// it. <paramref name="duration"/>: 15 to 60 seconds, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public async Task<BlobLease?> TryAcquirePackLeaseAsync(string datasetId, int resolution, TimeSpan duration,
        CancellationToken ct = default)
    {
        var blob = datasets.GetBlobClient(BlobLayout.DatasetPackLock(datasetId, resolution));
        await Run(async c =>
        {
            try
            {
                await blob.UploadAsync(BinaryData.Empty,
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, c);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // There already, perhaps leased: a lock blob is never written again.
            }
            return true;
        }, ct);
        return await BlobLease.TryAcquireAsync(blob, $"the pack of dataset '{datasetId}' at {resolution}", duration,
            resilience, ct);
    }

    /// <summary>The blobs under <paramref name="prefix"/>, named relative to it.</summary>
    Task<IReadOnlyList<ArtifactInfo>> ListAsync(string prefix, CancellationToken ct) =>
        Run<IReadOnlyList<ArtifactInfo>>(async c =>
        {
            var found = new List<ArtifactInfo>();
            await foreach (var item in datasets.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, c))
                found.Add(new ArtifactInfo(item.Name[prefix.Length..], item.Properties.ContentLength ?? 0,
                    item.Properties.ContentType, item.Properties.LastModified)
                {
                    ContentMd5 = item.Properties.ContentHash is { Length: > 0 } md5
                        ? Convert.ToBase64String(md5)
                        : null,
                });
            return found;
        }, ct);

    Task<ArtifactInfo> WriteAtomicallyAsync(
        string blobName, string name, Stream content, string contentType, CancellationToken ct)
    {
        var blob = datasets.GetBlockBlobClient(blobName);
        var rewind = Rewind.Source(content, nameof(content));
        return Run(async c =>
        {
            rewind();
            var written = await AtomicBlobWriter.WriteAsync(blob, content, contentType, BlockSize, c);
            return new ArtifactInfo(name, written.SizeBytes, contentType, time.GetUtcNow());
        }, ct);
    }

    BlobClient ManifestBlob(string datasetId) => datasets.GetBlobClient(BlobLayout.DatasetManifest(datasetId));

    Task<T> Run<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct) =>
        resilience.ExecuteAsync(async c => await operation(c), ct).AsTask();
}
