using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ssl.Cloud.Core.Contracts;

/// <summary>Reads and writes the versioned documents. Reading checks <c>schemaVersion</c> before
/// anything else, so a document of another version fails with its version and its name, not
/// with a confusing member error.</summary>
public static class ContractJson
{
    const string VersionProperty = "schemaVersion";

    public static byte[] Serialize<T>(T document) where T : IVersionedDocument =>
        JsonSerializer.SerializeToUtf8Bytes(document, Info<T>());

    public static string SerializeToString<T>(T document) where T : IVersionedDocument =>
        JsonSerializer.Serialize(document, Info<T>());

    /// <param name="utf8">The document's UTF-8 bytes.</param>
    /// <param name="document">What is being read, for error messages: a blob path, "message 'r-1'", "request
    /// body".</param>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, string document) where T : IVersionedDocument
    {
        var version = ReadVersion(utf8, document);
        if (version != T.CurrentSchemaVersion)
            throw new UnsupportedSchemaVersionException(document, typeof(T).Name, version, T.CurrentSchemaVersion);
        try
        {
            return JsonSerializer.Deserialize(utf8, Info<T>())
                ?? throw new DocumentFormatException(document, $"is null, not a {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new DocumentFormatException(document, $"is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    public static T Deserialize<T>(BinaryData utf8, string document) where T : IVersionedDocument =>
        Deserialize<T>(utf8.ToMemory().Span, document);

    public static T Deserialize<T>(string json, string document) where T : IVersionedDocument =>
        Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(json), document);

    static int ReadVersion(ReadOnlySpan<byte> utf8, string document)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new DocumentFormatException(document, "is not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals(VersionProperty);
                reader.Read();
                if (isVersion)
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v)
                        ? v
                        : throw new DocumentFormatException(document, $"'{VersionProperty}' is not an integer");
                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new DocumentFormatException(document, $"is not valid JSON: {e.Message}", e);
        }
        throw new DocumentFormatException(document, $"has no '{VersionProperty}'");
    }

    static JsonTypeInfo<T> Info<T>() =>
        ContractJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(ContractJsonContext)}");
}
