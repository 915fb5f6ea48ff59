namespace Ssl.Cloud.Core.Storage;

/// <summary>A downloaded blob does not match the size or SHA-256 its pointer recorded.</summary>
public sealed class CorruptBlobException(string blob, string detail)
    : Exception($"{blob}: {detail}")
{
    public string Blob { get; } = blob;
}
