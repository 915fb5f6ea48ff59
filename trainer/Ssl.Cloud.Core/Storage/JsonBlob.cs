using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Storage;

/// <summary>Versioned JSON documents in single blobs. One Put Blob is atomic, so a reader sees
/// the old document or the new one; the ETag makes the write conditional.</summary>
internal static class JsonBlob
{
    /// <summary>How often an update re-reads after losing a race before it gives up.</summary>
    public const int MaxConflictRetries = 16;

    public static string Describe(BlobClient blob) => $"{blob.BlobContainerName}/{blob.Name}";

    public static async Task<Versioned<T>?> ReadAsync<T>(BlobClient blob, CancellationToken ct) where T : IVersionedDocument
    {
        try
        {
            var result = (await blob.DownloadContentAsync(ct).ConfigureAwait(false)).Value;
            return new Versioned<T>(ContractJson.Deserialize<T>(result.Content, Describe(blob)), result.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <param name="blob">Where.</param>
    /// <param name="document">What.</param>
    /// <param name="ifMatch">The ETag read before, or null to create only (If-None-Match: *).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ConcurrencyConflictException">The blob changed, or exists when creating.</exception>
    public static async Task<ETag> WriteAsync<T>(BlobClient blob, T document, ETag? ifMatch, CancellationToken ct) where T : IVersionedDocument
    {
        var conditions = ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            var options = new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
            var info = await blob.UploadAsync(BinaryData.FromBytes(ContractJson.Serialize(document)), options, ct).ConfigureAwait(false);
            return info.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException(Describe(blob), e);
        }
    }

    /// <summary>Read, mutate, write under the ETag; on a lost race read again and mutate again.
    /// A mutation that returns its input unchanged writes nothing.</summary>
    public static async Task<T> UpdateAsync<T>(BlobClient blob, Func<T, T> mutate, Func<Exception> missing, CancellationToken ct)
        where T : IVersionedDocument
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync<T>(blob, ct).ConfigureAwait(false) ?? throw missing();
            var next = mutate(current.Value);
            if (ReferenceEquals(next, current.Value) || Equals(next, current.Value))
                return current.Value;
            try
            {
                await WriteAsync(blob, next, current.ETag, ct).ConfigureAwait(false);
                return next;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConflictRetries)
            {
            }
        }
    }
}
