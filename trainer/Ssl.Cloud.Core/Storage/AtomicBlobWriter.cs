using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Ssl.Cloud.Core.Storage;

/// <summary>Writes a blob so that no reader ever sees part of it: blocks are staged (invisible
/// until committed) and the block list is committed last, in one request. A write that fails
/// half-way leaves the previous version, or no blob, and uncommitted blocks the service drops.</summary>
internal static class AtomicBlobWriter
{
    public const int DefaultBlockSize = 8 * 1024 * 1024;
    public const string Sha256Metadata = "sha256";

    public sealed record Result(long SizeBytes, string Sha256, ETag ETag);

    public static async Task<Result> WriteAsync(
        BlockBlobClient blob, Stream content, string contentType, int blockSize, CancellationToken ct)
    {
        // Block ids must have one length within a blob; a fresh prefix per write keeps a retried
        // write from committing a block a failed try staged.
        var prefix = Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        var validation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 };
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The whole blob's Content-MD5, which a committed block list does not get by itself: downloads check it.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        long size = 0;
        try
        {
            int read;
            while ((read = await content.ReadAtLeastAsync(buffer.AsMemory(0, blockSize), blockSize,
                       throwOnEndOfStream: false, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                md5.AppendData(buffer, 0, read);
                var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{prefix}-{ids.Count:D6}"));
                using var block = new MemoryStream(buffer, 0, read, writable: false);
                await blob.StageBlockAsync(id, block,
                    new BlockBlobStageBlockOptions { TransferValidation = validation }, ct);
                ids.Add(id);
                size += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        var commit = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, ContentHash = md5.GetHashAndReset() },
            Metadata = new Dictionary<string, string> { [Sha256Metadata] = hash },
        };
        var info = await blob.CommitBlockListAsync(ids, commit, ct);
        return new Result(size, hash, info.Value.ETag);
    }
}
