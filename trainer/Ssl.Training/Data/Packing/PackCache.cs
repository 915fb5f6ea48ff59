using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ssl.Training.Data.Packing;

/// <summary>Packs a source on first use into a cache folder keyed by the source hash and everything that changes
/// the packed bytes (resolution, colour, resize, split, limits), and reuses it afterwards.</summary>
public static class PackCache
{
    /// <summary><c>$SSL_CACHE/packed</c>, else <c>$XDG_CACHE_HOME/ssl/packed</c>, else
    /// <c>~/.cache/ssl/packed</c>.</summary>
    public static string DefaultRoot =>
        Environment.GetEnvironmentVariable("SSL_CACHE") is { Length: > 0 } ssl ? Path.Combine(ssl, "packed")
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "ssl", "packed");

    /// <summary>The packed folder for these inputs, packing it first unless a complete pack of the same source is
    /// there.</summary>
    public static PackResult Ensure(string source, int resolution, PackOptions? options = null,
        string? cacheRoot = null, CancellationToken ct = default)
    {
        options ??= new PackOptions();
        var hash = Packer.SourceHash(source, options);
        var folder = Path.Combine(cacheRoot ?? DefaultRoot, Key(hash, resolution, options));
        if (PackedDataset.IsPacked(folder))
        {
            var manifest = PackManifest.Read(folder);
            if (manifest.SourceHash == hash) return new PackResult(folder, manifest);
        }
        return Packer.Pack(source, folder, resolution, options, ct);
    }

    /// <summary>Folder name: the start of the source hash, the resolution, and a hash of the options that shape the
    /// bytes.</summary>
    public static string Key(string sourceHash, int resolution, PackOptions options)
    {
        var shaping = JsonSerializer.Serialize(new
        {
            options.Color, options.Resize, options.Limits, options.Zip, options.TestFraction, options.Seed,
            options.Dataset.CifarCoarseLabels, options.Dataset.TrainLimit,
        });
        var optionsHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shaping)))[..8];
        return $"{sourceHash[..16]}-r{resolution}-{optionsHash}";
    }
}
