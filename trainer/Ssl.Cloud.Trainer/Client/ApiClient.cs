using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Azure.Identity;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>The HTTP API of docs/api.md: JSON in and out, the key or an Entra token on every call, and a problem
/// document turned into an <see cref="ApiException"/> that names each field or file.</summary>
public sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    readonly HttpClient http;
    readonly ApiOptions options;
    readonly TokenCredential? credential;
    AccessToken? token;

    public ApiClient(ApiOptions options)
    {
        this.options = options;
        http = new HttpClient { BaseAddress = options.BaseUrl, Timeout = options.Timeout };
        if (options.EntraScope is not null) credential = new DefaultAzureCredential();
    }

    public Uri BaseUrl => options.BaseUrl;

    public Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Post, path, body, ct);

    public Task<T> PutAsync<T>(string path, object? body, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Put, path, body, ct);

    public async Task DeleteAsync(string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, path, null, ct);
    }

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, ct);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct)
            ?? throw new InvalidDataException(
                $"{method} {path}: the API answered {(int)response.StatusCode} with no body.");
    }

    async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        if (options.Key is { } key) request.Headers.Add("x-functions-key", key);
        if (credential is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{method} /{path.TrimStart('/')}: no answer within {http.Timeout.TotalSeconds:F0} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"{method} {new Uri(http.BaseAddress!, path.TrimStart('/'))}: {e.Message}"
                + $" (is the API running? set --api or {ApiOptions.UrlVariable})", e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
            throw new ApiException(response.StatusCode, $"{method} /{path.TrimStart('/')}: "
                + ProblemText.Describe(response.StatusCode, await response.Content.ReadAsStringAsync(ct)));
    }

    async Task<string> TokenAsync(CancellationToken ct)
    {
        if (token is not { } t || t.ExpiresOn < DateTimeOffset.UtcNow.AddMinutes(2))
            token = t = await credential!.GetTokenAsync(new TokenRequestContext([options.EntraScope!]), ct);
        return t.Token;
    }

    public void Dispose() => http.Dispose();
}
