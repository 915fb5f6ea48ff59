namespace Ssl.Cloud.Trainer.Worker;

/// <summary>A training message that no retry can fix (unreadable body, unknown method, missing dataset):
/// the worker dead-letters it with <see cref="Reason"/> and the message, and marks the run Failed.</summary>
public sealed class RequestRejectedException(string reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public const string InvalidRequest = "InvalidRequest";
    public const string DatasetNotFound = "DatasetNotFound";
    public const string RunConflict = "RunConflict";

    /// <summary>Short, for the dead-letter reason (<see cref="InvalidRequest"/>, <see cref="DatasetNotFound"/>,
    /// ...).</summary>
    public string Reason { get; } = reason;
}
