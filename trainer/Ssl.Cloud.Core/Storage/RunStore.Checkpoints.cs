using System.Security.Cryptography;
using Azure.Storage.Blobs.Specialized;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Storage;

public sealed partial class RunStore
{
    /// <summary>Uploads a checkpoint atomically to <c>checkpoints/epoch-NNNN.ckpt</c>, then points
    /// <c>latest.json</c> at it, in that order, so the pointer never names a partial checkpoint.
    /// The pointer only moves forward: an older step never replaces a newer one.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="epoch">Completed epochs; names the blob.</param>
    /// <param name="step">Global optimiser step; orders checkpoints.</param>
    /// <param name="content">Readable and seekable (a retry starts over from its current position).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The pointer to this checkpoint.</returns>
    public Task<CheckpointPointer> UploadCheckpointAsync(
        string runId, int epoch, long step, Stream content, CancellationToken ct = default) =>
        UploadCheckpointAsync(runId, epoch, 0, step, content, ct);

    /// <summary>As above, for a checkpoint taken after <paramref name="stepInEpoch"/> steps of epoch
    /// <paramref name="epoch"/> + 1 (0: at the epoch boundary); see <see cref="BlobLayout.CheckpointName"/>.</summary>
    public Task<CheckpointPointer> UploadCheckpointAsync(
        string runId, int epoch, int stepInEpoch, long step, Stream content, CancellationToken ct = default)
    {
        var name = BlobLayout.CheckpointName(epoch, stepInEpoch);
        var blob = runs.GetBlockBlobClient(BlobLayout.RunArtifact(runId, name));
        var rewind = Rewind.Source(content, nameof(content));
        return Run(async c =>
        {
            rewind();
            var written = await AtomicBlobWriter.WriteAsync(blob, content, "application/octet-stream", BlockSize, c);
            var pointer = new CheckpointPointer
            {
                Epoch = epoch, Step = step, Path = name, SizeBytes = written.SizeBytes, Sha256 = written.Sha256,
                WrittenAt = time.GetUtcNow(),
            };
            await AdvanceLatestAsync(runId, pointer, c);
            return pointer;
        }, ct);
    }

    /// <summary>The newest complete checkpoint, or null when none was written.</summary>
    public Task<CheckpointPointer?> GetLatestCheckpointAsync(string runId, CancellationToken ct = default) =>
        Run(async c =>
            (await JsonBlob.ReadAsync<CheckpointPointer>(LatestBlob(runId), c))?.Value, ct);

    /// <summary>Downloads the checkpoint <paramref name="pointer"/> names into <paramref name="destination"/>
    /// (writable, seekable) and checks its size and SHA-256.</summary>
    /// <exception cref="CorruptBlobException">The bytes are not the ones the pointer recorded.</exception>
    public Task DownloadCheckpointAsync(
        string runId, CheckpointPointer pointer, Stream destination, CancellationToken ct = default)
    {
        var blob = runs.GetBlobClient(BlobLayout.RunArtifact(runId, pointer.Path));
        var rewind = Rewind.Destination(destination, nameof(destination));
        return Run(async c =>
        {
            rewind();
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var download = await blob.DownloadStreamingAsync(cancellationToken: c);
            await using var source = download.Value.Content;
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, c)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), c);
                size += read;
            }
            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            if (size != pointer.SizeBytes || hash != pointer.Sha256)
                throw new CorruptBlobException(JsonBlob.Describe(blob),
                    $"expected {pointer.SizeBytes} bytes with SHA-256 {pointer.Sha256}, got {size} bytes with {hash}");
            return true;
        }, ct);
    }

    async Task AdvanceLatestAsync(string runId, CheckpointPointer pointer, CancellationToken ct)
    {
        var blob = LatestBlob(runId);
        for (var attempt = 1; ; attempt++)
        {
            var current = await JsonBlob.ReadAsync<CheckpointPointer>(blob, ct);
            if (current is not null && current.Value.Step > pointer.Step)
                return;
            try
            {
                await JsonBlob.WriteAsync(blob, pointer, current?.ETag, ct);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < JsonBlob.MaxConflictRetries)
            {
            }
        }
    }

    Azure.Storage.Blobs.BlobClient LatestBlob(string runId) =>
        runs.GetBlobClient(BlobLayout.RunLatestCheckpoint(runId));
}
