namespace Ssl.Cloud.Core.Contracts;

/// <summary>An accepted image: its path under <c>raw/</c> (inside the archive, for an archive
/// entry), the format its magic bytes showed, and its dimensions read from the header alone.</summary>
public sealed record ManifestFile
{
    public required string Path { get; init; }
    public required long SizeBytes { get; init; }
    public required string Format { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }

    /// <summary>Class name (the sub-folder); null for unlabelled data.</summary>
    public string? Label { get; init; }
}
