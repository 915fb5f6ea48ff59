namespace Ssl.Training.Data.Packing;

/// <summary>A shard held in memory by <see cref="PackedStream"/>, handing out its samples in a shuffled order.</summary>
internal sealed class LoadedShard
{
    readonly int[] order;
    int next;

    LoadedShard(byte[] images, long[]? labels, int[] order, long bytes)
    {
        Images = images;
        Labels = labels;
        this.order = order;
        Bytes = bytes;
    }

    public byte[] Images { get; }
    public long[]? Labels { get; }
    public long Bytes { get; }
    public int Remaining => order.Length - next;

    public int Next() => order[next++];

    public static LoadedShard Read(PackedDataset dataset, PackedShard shard, long bytes, ulong seed)
    {
        var images = new byte[(long)shard.Count * dataset.ImageBytes];
        var labels = dataset.Manifest.Labelled ? new long[shard.Count] : null;
        ShardReader.ReadInto(dataset.Folder, shard, dataset.Manifest, images, labels);
        var order = Enumerable.Range(0, shard.Count).ToArray();
        new Random(unchecked((int)seed)).Shuffle(order);
        return new LoadedShard(images, labels, order, bytes);
    }
}
