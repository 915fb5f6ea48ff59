using Azure;
using Azure.Storage.Blobs;
using Polly;

namespace Ssl.Cloud.Core.Storage;

internal static class BlobDownload
{
    /// <summary>Downloads a whole blob, starting over on a retry; a missing blob is a
    /// <see cref="FileNotFoundException"/>.</summary>
    public static Task ToStreamAsync(
        BlobClient blob, Stream destination, ResiliencePipeline resilience, CancellationToken ct)
    {
        var rewind = Rewind.Destination(destination, nameof(destination));
        return resilience.ExecuteAsync(async c =>
        {
            rewind();
            try
            {
                await blob.DownloadToAsync(destination, c);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                throw new FileNotFoundException(
                    $"{JsonBlob.Describe(blob)} does not exist", JsonBlob.Describe(blob), e);
            }
        }, ct).AsTask();
    }
}
