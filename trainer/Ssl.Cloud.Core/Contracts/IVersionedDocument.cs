namespace Ssl.Cloud.Core.Contracts;

/// <summary>A JSON document of the wire format: it carries the <c>schemaVersion</c> it was
/// written with, and its type names the one version this build reads and writes.</summary>
public interface IVersionedDocument
{
    /// <summary>The version this build writes and the only one it reads.</summary>
    static abstract int CurrentSchemaVersion { get; }

    int SchemaVersion { get; }
}
