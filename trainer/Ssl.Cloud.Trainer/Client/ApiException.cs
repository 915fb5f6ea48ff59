using System.Net;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>The API refused a call; the message is the problem document's, with every field or file it named.</summary>
public sealed class ApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
