namespace Ssl.Cloud.Trainer.Client;

/// <summary>The HTTP client for SAS links: no API key on it (the link is the credential), and a long timeout,
/// since one request carries a whole file.</summary>
public static class BlobHttp
{
    public static HttpClient Create() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        Timeout = TimeSpan.FromMinutes(30),
    };
}
