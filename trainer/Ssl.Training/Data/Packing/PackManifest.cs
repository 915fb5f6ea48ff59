using System.Text.Json;
using System.Text.Json.Serialization;
using Ssl.Training.IO;

namespace Ssl.Training.Data.Packing;

/// <summary><c>manifest.json</c> of a packed dataset, written last: a folder with a manifest is complete.</summary>
public sealed record PackManifest
{
    public const string FileName = "manifest.json";
    public const string Format = "ssl-cloud-packed";
    public const int CurrentVersion = 1;

    public string FormatName { get; init; } = Format;
    public int FormatVersion { get; init; } = CurrentVersion;
    public required string Source { get; init; }

    /// <summary>SHA-256 of the source listing (relative paths, sizes, modification times or zip CRCs), or of the
    /// spec for generated data: the cache key, together with resolution and colour.</summary>
    public required string SourceHash { get; init; }

    public required int Resolution { get; init; }
    public required int Channels { get; init; }
    public ColorMode Color { get; init; }
    public ResizeMode Resize { get; init; }

    /// <summary>Empty for unlabelled data (the shards then have no <c>labels</c> tensor).</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    public required PackedSplit Train { get; init; }
    public required PackedSplit Test { get; init; }
    public required IReadOnlyList<RejectedFile> Rejected { get; init; }

    [JsonIgnore]
    public bool Labelled => ClassNames.Count > 0;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // a file, not HTML: keep quotes readable
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static PackManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new DatasetException(
                $"{folder}: not a packed dataset (no {FileName}; an interrupted pack leaves none)");
        PackManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PackManifest>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new DatasetException($"{path}: unreadable manifest ({e.Message})", e);
        }
        if (manifest is null || manifest.FormatName != Format)
            throw new DatasetException($"{path}: not a {Format} manifest");
        if (manifest.FormatVersion > CurrentVersion)
            throw new DatasetException(
                $"{path}: format version {manifest.FormatVersion} is newer than this reader's {CurrentVersion}");
        return manifest;
    }

    internal void Write(string folder) =>
        AtomicFile.Write(Path.Combine(folder, FileName), s => JsonSerializer.Serialize(s, this, Json));
}
