namespace Ssl.Cloud.Functions.Datasets;

/// <summary>Where to PUT one file (<c>x-ms-blob-type: BlockBlob</c>): a create/write-only SAS on exactly that
/// blob under <c>raw/</c>; null when the storage credential cannot sign one.</summary>
public sealed record UploadLink(string Path, Uri? Url);
