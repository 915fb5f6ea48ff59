using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Ssl.Cloud.Trainer.Client;

namespace Ssl.Cloud.Trainer.Tests.Client;

/// <summary>Links as the API issues them (one SAS per blob, through the proxy), made by the test itself, so the
/// client's transfer code can be tested on real storage without the API: upload links with the API's
/// "same length and MD5 already there" check, and artifact links with length and Content-MD5.</summary>
sealed class AzuriteLinks(BlobContainerClient container, BlobProxy proxy) : IUploadLinkSource, IArtifactLinkSource
{
    int calls;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>The links of the latest call, so a test can expire them.</summary>
    public IReadOnlyList<Uri> LastIssued { get; private set; } = [];

    public async Task<IReadOnlyList<UploadLink>> GetAsync(IReadOnlyList<UploadFileInfo> files, CancellationToken ct)
    {
        var generation = Interlocked.Increment(ref calls);
        var links = new List<UploadLink>();
        foreach (var file in files)
        {
            var blob = container.GetBlobClient(file.Path);
            var exists = false;
            try
            {
                var properties = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
                exists = properties.ContentLength == file.Length && properties.ContentHash is { } hash
                    && Convert.ToBase64String(hash) == file.Md5;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
            links.Add(new UploadLink(file.Path,
                Link(blob, BlobSasPermissions.Create | BlobSasPermissions.Write, generation),
                null, exists));
        }
        LastIssued = [.. links.Select(l => l.Url!)];
        return links;
    }

    public async Task<IReadOnlyList<ArtifactLink>> GetAsync(CancellationToken ct)
    {
        var generation = Interlocked.Increment(ref calls);
        var links = new List<ArtifactLink>();
        await foreach (var item in container.GetBlobsAsync(cancellationToken: ct))
        {
            var blob = container.GetBlobClient(item.Name);
            links.Add(new ArtifactLink(item.Name, item.Properties.ContentLength ?? 0,
                item.Properties.ContentHash is { } hash ? Convert.ToBase64String(hash) : null,
                Link(blob, BlobSasPermissions.Read, generation), null));
        }
        LastIssued = [.. links.Select(l => l.Url!)];
        return links;
    }

    /// <summary>Each call's links expire a second later than the last call's, so their signatures differ.</summary>
    Uri Link(BlobClient blob, BlobSasPermissions permissions, int generation) =>
        proxy.Route(blob.GenerateSasUri(permissions,
            new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(generation)));
}
