using System.Runtime.InteropServices;
using System.Text.Json;
using Ssl.Training.IO;

namespace Ssl.Training.Data.Packing;

/// <summary>Collects decoded images per split and writes a safetensors shard each time one fills up, so memory
/// holds at most one shard per split. Shard files are named <c>{split}-{index:D5}.safetensors</c>.</summary>
internal sealed class ShardSetWriter(string folder, int channels, int resolution, IReadOnlyList<string> classNames,
    int shardCapacity, Func<string, int, int, Dictionary<string, string>> metadata,
    PackedSplit? writtenTrain = null, PackedSplit? writtenTest = null)
{
    readonly SplitBuffer train = new("train", writtenTrain);
    readonly SplitBuffer test = new("test", writtenTest);
    readonly int imageBytes = channels * resolution * resolution;

    /// <summary>The shard written last; null before the first.</summary>
    public PackedShard? LastShard { get; private set; }

    /// <summary>The shards written so far, of both splits (a pack continued counts the earlier ones).</summary>
    public int ShardsWritten => train.Shards.Count + test.Shards.Count;

    /// <summary>The shards written so far and their counts; images still buffered are not in it.</summary>
    public (PackedSplit Train, PackedSplit Test) Written => (Of(train), Of(test));

    PackedSplit Of(SplitBuffer split) => new(split.WrittenTotal,
        classNames.ToDictionary(c => c, c => split.WrittenPerClass.GetValueOrDefault(c)), [.. split.Shards]);

    /// <summary>Writes what a split has buffered as its last shard (no more images of it follow).</summary>
    public void Close(bool isTest) => Flush(isTest ? test : train);

    public static string FileName(string split, int index) => $"{split}-{index:D5}.safetensors";

    public static bool IsShardName(string file) =>
        System.Text.RegularExpressions.Regex.IsMatch(file, @"^(train|test)-[0-9]{5,}\.safetensors$");

    public void Add(bool isTest, int label, ReadOnlySpan<byte> image)
    {
        var split = isTest ? test : train;
        if (split.Pixels is null)
        {
            split.Pixels = new byte[(long)shardCapacity * imageBytes];
            split.Labels = new long[shardCapacity];
        }
        image.CopyTo(split.Pixels.AsSpan(split.Count * imageBytes, imageBytes));
        split.Labels![split.Count++] = label;
        split.Total++;
        if (label >= 0) split.PerClass[classNames[label]] = split.PerClass.GetValueOrDefault(classNames[label]) + 1;
        if (split.Count == shardCapacity) Flush(split);
    }

    public (PackedSplit Train, PackedSplit Test) Finish()
    {
        Flush(train);
        Flush(test);
        return (train.Summary(classNames), test.Summary(classNames));
    }

    void Flush(SplitBuffer split)
    {
        if (split.Count == 0) return;
        var file = FileName(split.Name, split.Shards.Count);
        var entries = new List<SafeTensorsEntry>
        {
            new("images", "U8", [split.Count, channels, resolution, resolution],
                split.Pixels.AsMemory(0, split.Count * imageBytes)),
        };
        if (classNames.Count > 0)
            entries.Add(new("labels", "I64", [split.Count],
                MemoryMarshal.AsBytes(split.Labels.AsSpan(0, split.Count)).ToArray()));
        var path = Path.Combine(folder, file);
        SafeTensors.WriteRaw(path, entries, metadata(split.Name, split.Shards.Count, split.Count));
        LastShard = new PackedShard(file, split.Count, new FileInfo(path).Length);
        split.Shards.Add(LastShard);
        split.WrittenTotal = split.Total;
        foreach (var (name, count) in split.PerClass) split.WrittenPerClass[name] = count;
        split.Count = 0;
    }

    /// <summary>Shard metadata as safetensors wants it: string to string.</summary>
    public static Dictionary<string, string> Metadata(PackHeader header, string split, int shard, int count) => new()
    {
        ["format"] = PackManifest.Format,
        ["format_version"] = PackManifest.CurrentVersion.ToString(),
        ["split"] = split,
        ["shard"] = shard.ToString(),
        ["count"] = count.ToString(),
        ["class_names"] = JsonSerializer.Serialize(header.ClassNames),
        ["source_hash"] = header.SourceHash,
        ["resolution"] = header.Resolution.ToString(),
        ["channels"] = header.Channels.ToString(),
        ["color"] = header.Color.ToString(),
        ["resize"] = header.Resize.ToString(),
    };

    sealed class SplitBuffer(string name, PackedSplit? written)
    {
        public string Name { get; } = name;
        public byte[]? Pixels;
        public long[]? Labels;
        public int Count;
        public int Total = written?.Count ?? 0;
        public readonly Dictionary<string, int> PerClass = new(written?.CountsPerClass ?? new Dictionary<string, int>(),
            StringComparer.Ordinal);
        public readonly List<PackedShard> Shards = [.. written?.Shards ?? []];

        // What the written shards hold, without the images still buffered.
        public int WrittenTotal = written?.Count ?? 0;
        public readonly Dictionary<string, int> WrittenPerClass = new(
            written?.CountsPerClass ?? new Dictionary<string, int>(), StringComparer.Ordinal);

        public PackedSplit Summary(IReadOnlyList<string> classNames) =>
            new(Total, classNames.ToDictionary(c => c, c => PerClass.GetValueOrDefault(c)), Shards);
    }
}
