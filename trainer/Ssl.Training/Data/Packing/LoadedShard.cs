namespace Ssl.Training.Data.Packing;

/// <summary>A shard held in memory by <see cref="PackedStream"/>, handing out its samples in a shuffled
/// order.</summary>
internal sealed class LoadedShard
{
    readonly int[] order;
    readonly int imageBytes;
    int next;

    LoadedShard(byte[] images, long[]? labels, int[] order, long bytes, int imageBytes)
    {
        this.imageBytes = imageBytes;
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

    /// <summary>Copies sample <paramref name="index"/> into slot <paramref name="slot"/> of a batch.</summary>
    public void CopySample(int index, Span<byte> pixels, long[]? labels, int slot)
    {
        Images.AsSpan(index * imageBytes, imageBytes).CopyTo(pixels.Slice(slot * imageBytes, imageBytes));
        if (labels is not null) labels[slot] = Labels![index];
    }

    public static LoadedShard Read(PackedDataset dataset, PackedShard shard, long bytes, ulong seed,
        ShardBufferPool pool)
    {
        var images = pool.Rent((long)shard.Count * dataset.ImageBytes);
        var labels = dataset.Manifest.Labelled ? new long[shard.Count] : null;
        ShardReader.ReadInto(dataset.Folder, shard, dataset.Manifest, images, labels);
        var order = Enumerable.Range(0, shard.Count).ToArray();
        new Random(unchecked((int)seed)).Shuffle(order);
        return new LoadedShard(images, labels, order, bytes, dataset.ImageBytes);
    }
}
