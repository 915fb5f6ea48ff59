using System.Net;
using System.Text;
using System.Text.Json;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>One readable line from an RFC 7807 problem document: status, title or detail, and each named field or
/// file with its messages. A body that is not a problem document is shown as it is (shortened).</summary>
public static class ProblemText
{
    public static string Describe(HttpStatusCode status, string body)
    {
        var text = new StringBuilder($"{(int)status} {status}");
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException();
            if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                text.Append(": ").Append(detail.GetString());
            else if (root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
                text.Append(": ").Append(title.GetString());
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                foreach (var field in errors.EnumerateObject())
                    text.Append("; ").Append(field.Name).Append(": ").Append(Messages(field.Value));
        }
        catch (JsonException)
        {
            if (body.Length > 0) text.Append(": ").Append(body.Length > 300 ? body[..300] + "..." : body);
        }
        return text.ToString();
    }

    static string Messages(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Join(", ",
            value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()))
        : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
