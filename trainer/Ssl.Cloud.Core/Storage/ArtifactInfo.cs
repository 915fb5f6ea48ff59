namespace Ssl.Cloud.Core.Storage;

/// <summary>A stored file: its name relative to the run (or to the dataset's <c>raw/</c>), size, type and age.</summary>
public sealed record ArtifactInfo(string Name, long SizeBytes, string? ContentType, DateTimeOffset? LastModified);
