using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Ssl.Cloud.Core.Storage;

public sealed partial class RunStore
{
    /// <summary>Writes a file of the run (<c>report.json</c>, <c>report.html</c>, <c>encoder.safetensors</c>, ...)
    /// atomically: readers see the previous version or the whole new one.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="name">Relative to the run, e.g. <see cref="BlobLayout.ReportJson"/>.</param>
    /// <param name="content">Readable and seekable.</param>
    /// <param name="contentType">The MIME type readers and browsers get.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<ArtifactInfo> WriteArtifactAsync(
        string runId, string name, Stream content, string contentType, CancellationToken ct = default)
    {
        var blob = runs.GetBlockBlobClient(BlobLayout.RunArtifact(runId, name));
        var rewind = Rewind.Source(content, nameof(content));
        return Run(async c =>
        {
            rewind();
            var written = await AtomicBlobWriter.WriteAsync(blob, content, contentType, BlockSize, c);
            return new ArtifactInfo(name, written.SizeBytes, contentType, time.GetUtcNow());
        }, ct);
    }

    /// <summary>The run's files other than <c>request.json</c> and <c>status.json</c>, names relative to the
    /// run.</summary>
    public Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(string runId, CancellationToken ct = default)
    {
        var prefix = BlobLayout.RunPrefix(runId);
        return Run<IReadOnlyList<ArtifactInfo>>(async c =>
        {
            var found = new List<ArtifactInfo>();
            await foreach (var item in runs.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, c))
            {
                var name = item.Name[prefix.Length..];
                if (name is BlobLayout.RequestFile or BlobLayout.StatusFile) continue;
                found.Add(new ArtifactInfo(name, item.Properties.ContentLength ?? 0, item.Properties.ContentType,
                    item.Properties.LastModified)
                {
                    ContentMd5 = item.Properties.ContentHash is { Length: > 0 } hash
                        ? Convert.ToBase64String(hash)
                        : null,
                });
            }
            return found;
        }, ct);
    }

    /// <summary>Downloads a file of the run into <paramref name="destination"/> (writable, seekable).</summary>
    /// <exception cref="FileNotFoundException">No such file in the run.</exception>
    public Task DownloadArtifactAsync(string runId, string name, Stream destination, CancellationToken ct = default) =>
        BlobDownload.ToStreamAsync(
            runs.GetBlobClient(BlobLayout.RunArtifact(runId, name)), destination, resilience, ct);
}
