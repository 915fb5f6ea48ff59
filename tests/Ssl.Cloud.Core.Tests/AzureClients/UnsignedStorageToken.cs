using System.Text;
using System.Text.Json;
using Azure.Core;

namespace Ssl.Cloud.Core.Tests.AzureClients;

/// <summary>A token credential that hands out an unsigned JWT with the claims Azurite's <c>--oauth basic</c>
/// checks (issuer, audience, times; it does not check signatures), standing in for a managed identity.</summary>
sealed class UnsignedStorageToken(string audience = "https://storage.azure.com") : TokenCredential
{
    public int Requests { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests++;
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = "https://sts.windows.net/00000000-0000-0000-0000-0000000000aa/",
            ["tid"] = "00000000-0000-0000-0000-0000000000aa",
            ["oid"] = "00000000-0000-0000-0000-0000000000bb",
            ["appid"] = "00000000-0000-0000-0000-0000000000c1",
            ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        var token = $"{Part(new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT" })}."
            + $"{Part(claims)}.{Base64Url("unsigned"u8)}";
        return new AccessToken(token, now.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(
        TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    static string Part(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
