namespace Ssl.Cloud.Core.Storage;

/// <summary>A conditional write lost: someone changed (or created) the document since it was read.
/// Nothing was overwritten; read again and decide again.</summary>
public sealed class ConcurrencyConflictException(string document, Exception? inner = null)
    : Exception($"{document} was changed by another writer since it was read; nothing was overwritten", inner)
{
    public string Document { get; } = document;
}
