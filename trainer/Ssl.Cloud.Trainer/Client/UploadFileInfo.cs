namespace Ssl.Cloud.Trainer.Client;

/// <summary>One file in an upload-links request: its path under <c>raw/</c>, length and base64 MD5.</summary>
public sealed record UploadFileInfo(string Path, long Length, string Md5);
