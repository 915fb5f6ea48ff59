using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ssl.Cloud.Functions.Tests.Support;

/// <summary>Requests as the ASP.NET Core integration hands them to a Function.</summary>
public static class HttpRequests
{
    public static HttpRequest Post(object body) => Post(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));

    public static HttpRequest Post(string json) => Request("POST", Encoding.UTF8.GetBytes(json));

    public static HttpRequest Empty(string method) => Request(method, []);

    static HttpRequest Request(string method, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }
}
