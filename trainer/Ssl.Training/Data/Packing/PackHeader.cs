namespace Ssl.Training.Data.Packing;

/// <summary>What every shard of one pack shares; known before the first shard is written.</summary>
internal sealed record PackHeader(string Source, string SourceHash, int Resolution, int Channels, ColorMode Color,
    ResizeMode Resize, IReadOnlyList<string> ClassNames)
{
    public PackManifest Manifest(PackedSplit train, PackedSplit test, IReadOnlyList<RejectedFile> rejected) => new()
    {
        Source = Source,
        SourceHash = SourceHash,
        Resolution = Resolution,
        Channels = Channels,
        Color = Color,
        Resize = Resize,
        ClassNames = ClassNames,
        Train = train,
        Test = test,
        Rejected = rejected,
    };

    public ShardSetWriter Writer(string folder, long shardBytes, PackProgress? written = null)
    {
        var capacity = (int)Math.Clamp(shardBytes / (Channels * Resolution * Resolution), 1, 1 << 20);
        return new ShardSetWriter(folder, Channels, Resolution, ClassNames, capacity,
            (split, shard, count) => ShardSetWriter.Metadata(this, split, shard, count), written?.Train,
            written?.Test);
    }
}
