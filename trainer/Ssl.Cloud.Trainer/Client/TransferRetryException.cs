namespace Ssl.Cloud.Trainer.Client;

/// <summary>A transfer that may succeed when tried again: a server error, a truncated or corrupted body, or an
/// expired link (<see cref="LinkExpired"/>: ask the API for a new one first).</summary>
public sealed class TransferRetryException(string message, bool linkExpired = false, Exception? inner = null)
    : Exception(message, inner)
{
    public bool LinkExpired { get; } = linkExpired;
}
