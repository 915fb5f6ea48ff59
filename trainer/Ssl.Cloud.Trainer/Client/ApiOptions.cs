namespace Ssl.Cloud.Trainer.Client;

/// <summary>Where the HTTP API is and how to authenticate: <c>--api</c>/<c>--api-key</c> or the environment.</summary>
public sealed class ApiOptions
{
    public const string UrlVariable = "SSL_API_URL";
    public const string KeyVariable = "SSL_API_KEY";
    public const string ScopeVariable = "SSL_API_SCOPE";

    /// <summary>The Function app's base address, e.g. <c>http://127.0.0.1:7071</c> (routes are under
    /// <c>/api</c>).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The function key, sent as <c>x-functions-key</c>.</summary>
    public string? Key { get; init; }

    /// <summary>An Entra scope (<c>api://APP-ID/.default</c>): a token for it from Azure.Identity's default chain is
    /// sent as a bearer token, for a Function app behind App Service authentication.</summary>
    public string? EntraScope { get; init; }

    /// <summary>How long one API call may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}
