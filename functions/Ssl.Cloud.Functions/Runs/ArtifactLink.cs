namespace Ssl.Cloud.Functions.Runs;

/// <summary>A file of a run; <see cref="Url"/> is a read-only SAS link on this one blob (null when the
/// storage credential cannot sign one).</summary>
public sealed record ArtifactLink(string Name, long SizeBytes, string? ContentType, DateTimeOffset? LastModified, Uri? Url);
