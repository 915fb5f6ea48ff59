using System.Net.Sockets;
using Azure;
using Polly.Timeout;

namespace Ssl.Cloud.Core.Resilience;

/// <summary>Which failures are worth trying again: the server said so (408, 429, 5xx), or no
/// answer came (status 0, I/O and socket errors, a try that timed out).</summary>
/// <remarks>Never a conflict, a
/// missing blob, a bad request or the caller's own cancellation. When the SDK's own retries run
/// out on network errors it throws an <see cref="AggregateException"/> of them: transient when all are.</remarks>
public static class TransientStorageFaults
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or 500 or 502 or 503 or 504 } => true,
        RequestFailedException => false,
        TimeoutRejectedException => true,
        OperationCanceledException => false,
        IOException or HttpRequestException or SocketException => true,
        AggregateException { InnerExceptions.Count: > 0 } all => all.InnerExceptions.All(IsTransient),
        _ => false,
    };
}
