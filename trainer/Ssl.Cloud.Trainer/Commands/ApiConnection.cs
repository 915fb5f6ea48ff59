using System.CommandLine;
using Ssl.Cloud.Trainer.Client;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>The options that say where the API is (<c>--api</c>, <c>--api-key</c>, <c>--api-scope</c>), each
/// falling back to its environment variable, and the client built from them.</summary>
public sealed class ApiConnection
{
    public Option<string?> Url { get; } = new("--api")
    {
        Description = $"Base URL of the API, e.g. http://127.0.0.1:7071 (default: ${ApiOptions.UrlVariable}).",
    };

    public Option<string?> Key { get; } = new("--api-key")
    {
        Description = $"Function key, sent as x-functions-key (default: ${ApiOptions.KeyVariable}).",
    };

    public Option<string?> Scope { get; } = new("--api-scope")
    {
        Description = $"Entra scope of an app behind App Service authentication, e.g. api://APP-ID/.default: a token "
            + $"from Azure.Identity's default chain is sent (default: ${ApiOptions.ScopeVariable}).",
    };

    public Option<TimeSpan> Interval { get; } = new("--poll-interval")
    {
        Description = "How often to ask for a run's or dataset's status.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(2),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Key);
        command.Options.Add(Scope);
        command.Options.Add(Interval);
    }

    public ApiClient Connect(ParseResult parse)
    {
        var url = parse.GetValue(Url) ?? Environment.GetEnvironmentVariable(ApiOptions.UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
            throw new ArgumentException($"--api: no API address; pass --api URL or set {ApiOptions.UrlVariable}.");
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl)
            || baseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--api: '{url}' is not an http(s) URL.");
        return new ApiClient(new ApiOptions
        {
            BaseUrl = baseUrl,
            Key = parse.GetValue(Key) ?? Environment.GetEnvironmentVariable(ApiOptions.KeyVariable),
            EntraScope = parse.GetValue(Scope) ?? Environment.GetEnvironmentVariable(ApiOptions.ScopeVariable),
        });
    }
}
