namespace Ssl.Cloud.Functions.Datasets;

/// <summary>Where to PUT one file (<c>x-ms-blob-type: BlockBlob</c>): a create/write-only SAS on exactly that blob,
/// null when the storage credential cannot sign one. <see cref="Exists"/>: a blob of that length and MD5 is there
/// already, so the client skips it (a resumed upload).</summary>
public sealed record UploadLink(string Path, Uri? Url, DateTimeOffset ExpiresAt, bool Exists);
