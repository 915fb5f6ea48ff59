using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Storage;

/// <summary>Versioned JSON documents in single blobs. One Put Blob is atomic, so a reader sees
/// the old document or the new one; the ETag makes the write conditional.</summary>
/// <remarks>A conditional write whose answer was lost (the connection dropped after the server
/// applied it) comes back from its retry as a conflict with itself. Both writing and updating
/// therefore check, on a conflict, whether the stored bytes are the ones they wrote.</remarks>
internal static class JsonBlob
{
    /// <summary>How often an update re-reads after losing a race before it gives up.</summary>
    public const int MaxConflictRetries = 16;

    /// <summary>The bytes an update last tried to write, kept across whole-operation retries.</summary>
    public sealed class PendingWrite
    {
        public byte[]? Bytes { get; set; }
    }

    sealed record Stored<T>(T Value, ETag ETag, BinaryData Bytes);

    public static string Describe(BlobClient blob) => $"{blob.BlobContainerName}/{blob.Name}";

    public static async Task<Versioned<T>?> ReadAsync<T>(BlobClient blob, CancellationToken ct)
        where T : IVersionedDocument =>
        await ReadStoredAsync<T>(blob, ct) is { } stored
            ? new Versioned<T>(stored.Value, stored.ETag)
            : null;

    /// <param name="blob">Where.</param>
    /// <param name="document">What.</param>
    /// <param name="ifMatch">The ETag read before, or null to create only (If-None-Match: *).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ConcurrencyConflictException">The blob changed, or exists when creating.</exception>
    public static Task<ETag> WriteAsync<T>(BlobClient blob, T document, ETag? ifMatch, CancellationToken ct)
        where T : IVersionedDocument =>
        WriteBytesAsync<T>(blob, ContractJson.Serialize(document), ifMatch, ct);

    /// <summary>Read, mutate, write under the ETag; on a lost race read again and mutate again.
    /// A mutation that returns its input unchanged writes nothing.</summary>
    public static async Task<T> UpdateAsync<T>(
        BlobClient blob, Func<T, T> mutate, Func<Exception> missing, PendingWrite pending, CancellationToken ct)
        where T : IVersionedDocument
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadStoredAsync<T>(blob, ct) ?? throw missing();
            if (pending.Bytes is { } mine && current.Bytes.ToMemory().Span.SequenceEqual(mine))
                return current.Value; // an earlier try of this update landed; its answer did not
            var next = mutate(current.Value);
            if (ReferenceEquals(next, current.Value) || Equals(next, current.Value))
                return current.Value;
            pending.Bytes = ContractJson.Serialize(next);
            try
            {
                await WriteBytesAsync<T>(blob, pending.Bytes, current.ETag, ct);
                return next;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConflictRetries)
            {
            }
        }
    }

    static async Task<ETag> WriteBytesAsync<T>(BlobClient blob, byte[] bytes, ETag? ifMatch, CancellationToken ct)
        where T : IVersionedDocument
    {
        var conditions = ifMatch is { } etag
            ? new BlobRequestConditions { IfMatch = etag }
            : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            var options = new BlobUploadOptions
            {
                Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }
            };
            var info = await blob.UploadAsync(BinaryData.FromBytes(bytes), options, ct);
            return info.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            if (await ReadStoredAsync<T>(blob, ct) is { } stored
                && stored.Bytes.ToMemory().Span.SequenceEqual(bytes))
                return stored.ETag;
            throw new ConcurrencyConflictException(Describe(blob), e);
        }
    }

    static async Task<Stored<T>?> ReadStoredAsync<T>(BlobClient blob, CancellationToken ct) where T : IVersionedDocument
    {
        try
        {
            var result = (await blob.DownloadContentAsync(ct)).Value;
            return new Stored<T>(ContractJson.Deserialize<T>(result.Content, Describe(blob)), result.Details.ETag,
                result.Content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
