using System.Security.Cryptography;

namespace Ssl.Training.Data.Packing;

/// <summary>Packs an image folder or zip archive in two passes. Validation reads every file once (format by magic
/// bytes, dimensions from the header, content hash for duplicates) so empty classes are known before any label is
/// written; decoding then reads the survivors again, in a seeded shuffled order, chunk by chunk in parallel.</summary>
internal static class FolderPacking
{
    const int Chunk = 256;

    sealed record Candidate(SourceItem Item, int Label, bool IsTest);

    public static PackManifest Pack(string source, string outDir, int resolution, PackOptions options,
        string sourceHash, CancellationToken ct)
    {
        using var listing = SourceListing.Of(source, options.Zip);
        var rejected = new List<RejectedFile>(listing.Rejected);
        var layout = SourceLayout.Of(listing, options.TestFraction);
        var accepted = Validate(listing, layout, options, rejected, ct);
        var classNames = DropEmptyClasses(layout, accepted, rejected);
        if (accepted.Count == 0) throw NothingUsable(source, rejected);

        var color = options.Color ?? ColorMode.Rgb;
        var header = new PackHeader(source, sourceHash, resolution, ImageDecoder.Channels(color), color, options.Resize,
            classNames);
        var writer = header.Writer(outDir, options.ShardBytes);
        new Random(options.Seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(accepted));
        Decode(accepted, header, options, writer, rejected, ct);
        var (train, test) = writer.Finish();
        if (train.Count + test.Count == 0) throw NothingUsable(source, rejected);
        foreach (var name in classNames.Where(c => train.CountsPerClass[c] + test.CountsPerClass[c] == 0))
            rejected.Add(new RejectedFile(name + "/",
                "empty class: every image in it failed to decode (the class is kept so labels stay valid)"));
        return header.Manifest(train, test, rejected.OrderBy(r => r.Path, StringComparer.Ordinal).ToList());
    }

    static List<Candidate> Validate(SourceListing listing, SourceLayout layout, PackOptions options,
        List<RejectedFile> rejected, CancellationToken ct)
    {
        var items = listing.Items.OrderBy(i => i.RelativePath, StringComparer.Ordinal).ToList();
        var accepted = new List<Candidate>();
        var seen = new Dictionary<string, string>();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1, CancellationToken = ct
        };
        for (var start = 0; start < items.Count; start += Chunk)
        {
            var chunk = items.GetRange(start, Math.Min(Chunk, items.Count - start));
            var results = new (int Label, bool IsTest, string? Reject, string? Hash)[chunk.Count];
            Parallel.For(0, chunk.Count, parallel, i => results[i] = Check(chunk[i], layout, options.Limits));
            for (var i = 0; i < chunk.Count; i++)
            {
                var (label, isTest, reject, hash) = results[i];
                var where = chunk[i].DisplayPath;
                if (reject is not null) rejected.Add(new RejectedFile(where, reject));
                else if (seen.TryGetValue(hash!, out var first))
                    rejected.Add(new RejectedFile(where, $"duplicate of {first} (same content)"));
                else
                {
                    seen[hash!] = where;
                    accepted.Add(new Candidate(chunk[i], label, isTest));
                }
            }
        }
        return accepted;
    }

    static (int Label, bool IsTest, string? Reject, string? Hash) Check(SourceItem item, SourceLayout layout,
        ImageLimits limits)
    {
        var (label, isTest, reject) = layout.Place(item.RelativePath);
        if (reject is not null) return (label, isTest, reject, null);
        if (item.Length > limits.MaxFileBytes)
            return (label, isTest, $"file of {item.Length} bytes exceeds the limit of {limits.MaxFileBytes}", null);
        var (bytes, readError) = Read(item);
        if (bytes is null) return (label, isTest, readError, null);
        return (label, isTest, ImageDecoder.Check(bytes, limits), Convert.ToHexString(SHA256.HashData(bytes)));
    }

    static (byte[]? Bytes, string? Error) Read(SourceItem item)
    {
        try
        {
            return (item.Read(), null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (null, e.Message.StartsWith("zip bomb") || e.Message.StartsWith("truncated")
                ? e.Message
                : $"cannot read: {e.Message}");
        }
    }

    /// <summary>Removes classes left without a usable image, reporting each, and renumbers the labels.</summary>
    static IReadOnlyList<string> DropEmptyClasses(SourceLayout layout, List<Candidate> accepted,
        List<RejectedFile> rejected)
    {
        var counts = new int[layout.ClassNames.Count];
        foreach (var c in accepted) if (c.Label >= 0) counts[c.Label]++;
        var remap = new int[counts.Length];
        var kept = new List<string>();
        for (var i = 0; i < counts.Length; i++)
        {
            remap[i] = counts[i] > 0 ? kept.Count : -1;
            if (counts[i] > 0) kept.Add(layout.ClassNames[i]);
            else
                rejected.Add(new RejectedFile(layout.ClassNames[i] + "/",
                    "empty class: the folder has no usable image"));
        }
        for (var i = 0; i < accepted.Count; i++)
            if (accepted[i].Label >= 0) accepted[i] = accepted[i] with { Label = remap[accepted[i].Label] };
        return kept;
    }

    static void Decode(List<Candidate> accepted, PackHeader header, PackOptions options, ShardSetWriter writer,
        List<RejectedFile> rejected, CancellationToken ct)
    {
        var imageBytes = header.Channels * header.Resolution * header.Resolution;
        var buffer = new byte[Chunk * imageBytes];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1, CancellationToken = ct
        };
        for (var start = 0; start < accepted.Count; start += Chunk)
        {
            var chunk = accepted.GetRange(start, Math.Min(Chunk, accepted.Count - start));
            var reasons = new string?[chunk.Count];
            Parallel.For(0, chunk.Count, parallel, i =>
            {
                var (bytes, error) = Read(chunk[i].Item);
                reasons[i] = bytes is null ? error
                    : ImageDecoder.TryDecode(bytes, header.Resolution, header.Color, options.Limits,
                        buffer.AsSpan(i * imageBytes, imageBytes), header.Resize);
            });
            for (var i = 0; i < chunk.Count; i++)
            {
                if (reasons[i] is { } reason) rejected.Add(new RejectedFile(chunk[i].Item.DisplayPath, reason));
                else writer.Add(chunk[i].IsTest, chunk[i].Label, buffer.AsSpan(i * imageBytes, imageBytes));
            }
        }
    }

    static DatasetException NothingUsable(string source, List<RejectedFile> rejected) =>
        new($"{source}: nothing usable to pack: {rejected.Count} file(s) rejected" +
            string.Concat(rejected.Take(5).Select(r => $"; {r.Path}: {r.Reason}")) +
                (rejected.Count > 5 ? "; ..." : ""));
}
