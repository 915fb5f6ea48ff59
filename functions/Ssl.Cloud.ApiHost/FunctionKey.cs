using System.Security.Cryptography;
using System.Text;

namespace Ssl.Cloud.ApiHost;

/// <summary>The function-key check of the Functions host: <c>x-functions-key</c> header or <c>code</c> query
/// value.</summary>
public static class FunctionKey
{
    public const string Header = "x-functions-key";
    public const string Query = "code";

    public static bool Accepts(HttpRequest request, string key)
    {
        var sent = request.Headers[Header].FirstOrDefault() ?? request.Query[Query].FirstOrDefault();
        return sent is not null && key.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(key));
    }
}
