namespace Ssl.Cloud.Core.Storage;

/// <summary>A stored file: its name relative to the run (or to the dataset's <c>raw/</c>), size, type and
/// age.</summary>
public sealed record ArtifactInfo(string Name, long SizeBytes, string? ContentType, DateTimeOffset? LastModified)
{
    /// <summary>The blob's Content-MD5, base64, when it has one.</summary>
    public string? ContentMd5 { get; init; }
}
