using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ssl.Cloud.Functions.Http;

/// <summary>Reads a JSON request body under a size cap: the declared length is checked before reading, the
/// bytes read are counted (a chunked body has no declared length), and parsing starts only on a whole body.</summary>
public static class JsonBody
{
    /// <summary>camelCase, unknown members refused (a misspelt optional field must not vanish), nulls
    /// checked.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <returns>The value, or the problem answer (413 too large, 400 with the offending field).</returns>
    public static async Task<(T? Value, IActionResult? Problem)> ReadAsync<T>(
        HttpRequest request, int maxBytes, bool optional, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength > maxBytes)
            return (null, Problems.TooLarge(maxBytes));
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length
            && (read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            length += read;
        if (length > maxBytes)
            return (null, Problems.TooLarge(maxBytes));
        if (length == 0)
            return optional ? (null, null) : (null, Problems.Invalid("body", "a JSON object is required"));
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), Options);
            return value is null
                ? (null, Problems.Invalid("body", "a JSON object is required, not null"))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid(Field(e.Path), FirstSentence(e.Message)));
        }
    }

    /// <summary>"$.hyperParameters.lr" -> "hyperParameters.lr"; the root -> "body".</summary>
    static string Field(string? path) =>
        path is null or "$" ? "body"
            : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
            : path.TrimStart('$');

    static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
