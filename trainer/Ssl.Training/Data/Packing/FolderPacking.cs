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
        var progress = options.Resume?.Progress;
        PackPlan plan;
        var accepted = options.Resume is { } resume
            ? Candidates(source, listing, plan = resume.Plan, resume.Progress.Position)
            : Plan(source, listing, options, sourceHash, out plan, ct);

        var color = options.Color ?? ColorMode.Rgb;
        var header = new PackHeader(source, plan.SourceHash, resolution, ImageDecoder.Channels(color), color,
            options.Resize, plan.ClassNames);
        var writer = header.Writer(outDir, options.ShardBytes, progress);
        var rejected = new List<RejectedFile>(progress?.Rejected ?? []);
        Decode(plan, accepted, progress?.Position ?? 0, header, options, writer, rejected, ct);
        var (train, test) = writer.Finish();
        rejected.AddRange(plan.Rejected);
        if (train.Count + test.Count == 0) throw NothingUsable(source, rejected);
        foreach (var name in plan.ClassNames.Where(c => train.CountsPerClass[c] + test.CountsPerClass[c] == 0))
            rejected.Add(new RejectedFile(name + "/",
                "empty class: every image in it failed to decode (the class is kept so labels stay valid)"));
        return header.Manifest(train, test, rejected.OrderBy(r => r.Path, StringComparer.Ordinal).ToList());
    }

    /// <summary>Validates every file of the source and fixes the decode order: train files first, then test, each
    /// in the seeded shuffle (the shards are the same as for any interleaving of the splits).</summary>
    static List<Candidate?> Plan(string source, SourceListing listing, PackOptions options, string sourceHash,
        out PackPlan plan, CancellationToken ct)
    {
        var rejected = new List<RejectedFile>(listing.Rejected);
        var layout = SourceLayout.Of(listing, options.TestFraction);
        var accepted = Validate(listing, layout, options, rejected, ct);
        var classNames = DropEmptyClasses(layout, accepted, rejected);
        if (accepted.Count == 0) throw NothingUsable(source, rejected);
        new Random(options.Seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(accepted));
        List<Candidate?> ordered = [.. accepted.Where(c => !c.IsTest), .. accepted.Where(c => c.IsTest)];
        plan = new PackPlan(sourceHash, classNames,
            [.. ordered.Select(c => new PlannedFile(c!.Item.RelativePath, c.Label, c.IsTest))], rejected);
        return ordered;
    }

    /// <summary>The plan's files from <paramref name="position"/> on, found in the listing; null before it (a pack
    /// continued needs none of those).</summary>
    static List<Candidate?> Candidates(string source, SourceListing listing, PackPlan plan, int position)
    {
        var items = listing.Items.GroupBy(i => i.RelativePath, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. plan.Files.Select((f, i) => i < position ? null
            : new Candidate(items.GetValueOrDefault(f.Path) ?? throw new DatasetException(
                $"{source}: {f.Path} is missing: the pack being continued lists it"), f.Label, f.IsTest))];
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

    static void Decode(PackPlan plan, List<Candidate?> accepted, int position, PackHeader header, PackOptions options,
        ShardSetWriter writer, List<RejectedFile> rejected, CancellationToken ct)
    {
        var imageBytes = header.Channels * header.Resolution * header.Resolution;
        var buffer = new byte[Chunk * imageBytes];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1, CancellationToken = ct
        };
        var trainOpen = position < accepted.Count && !accepted[position]!.IsTest;
        for (var start = position; start < accepted.Count; start += Chunk)
        {
            var chunk = accepted.GetRange(start, Math.Min(Chunk, accepted.Count - start));
            var reasons = new string?[chunk.Count];
            Parallel.For(0, chunk.Count, parallel, i =>
            {
                var (bytes, error) = Read(chunk[i]!.Item);
                reasons[i] = bytes is null ? error
                    : ImageDecoder.TryDecode(bytes, header.Resolution, header.Color, options.Limits,
                        buffer.AsSpan(i * imageBytes, imageBytes), header.Resize);
            });
            for (var i = 0; i < chunk.Count; i++)
            {
                if (trainOpen && chunk[i]!.IsTest)
                {
                    Close(isTest: false, start + i); // the train files are done: their last shard now, not at the end
                    trainOpen = false;
                }
                var shards = writer.ShardsWritten;
                if (reasons[i] is { } reason) rejected.Add(new RejectedFile(chunk[i]!.Item.DisplayPath, reason));
                else writer.Add(chunk[i]!.IsTest, chunk[i]!.Label, buffer.AsSpan(i * imageBytes, imageBytes));
                Report(plan, writer, shards, start + i + 1, rejected, options);
            }
        }
        if (trainOpen) Close(isTest: false, accepted.Count);
        Close(isTest: true, accepted.Count);

        // Writes what a split still buffers as its last shard, and reports it at plan position `at`.
        void Close(bool isTest, int at)
        {
            var before = writer.ShardsWritten;
            writer.Close(isTest);
            Report(plan, writer, before, at, rejected, options);
        }
    }

    /// <summary>Tells <see cref="PackOptions.OnShard"/> about a shard written since
    /// <paramref name="before"/>.</summary>
    static void Report(PackPlan plan, ShardSetWriter writer, int before, int position, List<RejectedFile> rejected,
        PackOptions options)
    {
        if (options.OnShard is null || writer.ShardsWritten == before) return;
        var (train, test) = writer.Written;
        options.OnShard(plan, new PackProgress(position, train, test, [.. rejected]), writer.LastShard!);
    }

    static DatasetException NothingUsable(string source, List<RejectedFile> rejected) =>
        new($"{source}: nothing usable to pack: {rejected.Count} file(s) rejected" +
            string.Concat(rejected.Take(5).Select(r => $"; {r.Path}: {r.Reason}")) +
                (rejected.Count > 5 ? "; ..." : ""));
}
