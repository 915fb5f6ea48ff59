using System.Text.Json;
using Ssl.Training.Runs;

namespace Ssl.Training.Verification;

/// <summary>Writes <c>verify.json</c> (the report, versioned) and <c>verify.html</c> (self-contained, with plots)
/// into a directory.</summary>
public static class VerificationWriter
{
    static JsonSerializerOptions Json => RunDirectory.Json;

    public static (string Json, string Html) Write(VerificationReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "verify.json");
        var html = Path.Combine(directory, "verify.html");
        RunDirectory.WriteAtomically(json, JsonSerializer.Serialize(report, Json));
        RunDirectory.WriteAtomically(html, VerificationHtml.Render(report));
        return (json, html);
    }

    public static VerificationReport Read(string path) =>
        JsonSerializer.Deserialize<VerificationReport>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no verification report.");
}
