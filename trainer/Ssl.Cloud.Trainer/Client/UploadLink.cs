namespace Ssl.Cloud.Trainer.Client;

/// <summary>Where to PUT one file; <see cref="Exists"/>: a blob with the same length and MD5 is already
/// there.</summary>
public sealed record UploadLink(string Path, Uri? Url, DateTimeOffset? ExpiresAt, bool Exists);
