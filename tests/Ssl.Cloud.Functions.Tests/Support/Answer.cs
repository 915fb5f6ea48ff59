using System.Text.Json;

namespace Ssl.Cloud.Functions.Tests.Support;

/// <summary>An HTTP answer as a client reads it: the status, the JSON body, and the problem's named fields.</summary>
public sealed record Answer(int Status, JsonElement Body, string Text)
{
    /// <summary>The keys of a problem's <c>errors</c> (JSON paths of fields, or file paths).</summary>
    public IReadOnlyList<string> Fields =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateObject().Select(p => p.Name)]
            : [];

    public string String(string name) => Body.GetProperty(name).GetString()!;
}
