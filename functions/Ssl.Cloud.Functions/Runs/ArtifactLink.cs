namespace Ssl.Cloud.Functions.Runs;

/// <summary>A file of a run; <see cref="Url"/> is a read-only SAS link on this one blob until <see cref="ExpiresAt"/>
/// (null when the storage credential cannot sign one); <see cref="ContentMd5"/> (base64) lets a client check its
/// copy.</summary>
public sealed record ArtifactLink(string Name, long SizeBytes, string? ContentMd5, string? ContentType,
    DateTimeOffset? LastModified, Uri? Url, DateTimeOffset ExpiresAt);
