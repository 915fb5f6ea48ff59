namespace Ssl.Training.Data.Packing;

/// <summary>The shards of one split and how many images of each class they hold.</summary>
public sealed record PackedSplit(int Count, IReadOnlyDictionary<string, int> CountsPerClass,
    IReadOnlyList<PackedShard> Shards);
