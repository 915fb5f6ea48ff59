namespace Ssl.Cloud.Functions.Datasets;

/// <summary>One file a client is about to upload: its path under <c>raw/</c>, length and base64 MD5
/// (optional).</summary>
public sealed record UploadFile(string Path, long Length, string? Md5);
