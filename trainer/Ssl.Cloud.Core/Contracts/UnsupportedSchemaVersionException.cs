namespace Ssl.Cloud.Core.Contracts;

/// <summary>A document carries a <c>schemaVersion</c> this build does not read.</summary>
public sealed class UnsupportedSchemaVersionException(string document, string contract, int version, int supported)
    : DocumentFormatException(document,
        $"{contract} schemaVersion {version} is not supported; this build reads schemaVersion {supported} only")
{
    public string Contract { get; } = contract;
    public int Version { get; } = version;
    public int SupportedVersion { get; } = supported;
}
