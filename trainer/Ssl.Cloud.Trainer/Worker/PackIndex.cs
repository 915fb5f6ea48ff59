using System.Text.Json;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary><c>datasets/{id}/packed/{res}/index.json</c>, written after every other file of the pack: each file's
/// size and SHA-256, so a reader downloads exactly the pack that was written and can tell a damaged or missing
/// shard from a good one before it trains on anything.</summary>
public sealed record PackIndex(int Resolution, IReadOnlyList<PackIndexFile> Files)
{
    public const string FileName = "index.json";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <exception cref="InvalidDataException">Not an index; the message names <paramref name="where"/>.</exception>
    public static PackIndex Parse(byte[] bytes, string where)
    {
        try
        {
            var index = JsonSerializer.Deserialize<PackIndex>(bytes, Json);
            if (index?.Files is { Count: > 0 }) return index;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: unreadable pack index ({e.Message})", e);
        }
        throw new InvalidDataException($"{where}: the pack index lists no files");
    }
}
