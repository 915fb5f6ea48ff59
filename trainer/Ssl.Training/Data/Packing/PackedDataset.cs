using static TorchSharp.torch;

namespace Ssl.Training.Data.Packing;

/// <summary>A packed dataset folder. Load it whole when <see cref="FitsIn"/> the memory budget, else
/// <see cref="Stream"/> it shard by shard.</summary>
public sealed class PackedDataset
{
    PackedDataset(string folder, PackManifest manifest)
    {
        Folder = folder;
        Manifest = manifest;
    }

    public string Folder { get; }
    public PackManifest Manifest { get; }

    /// <summary>The folder's own name, which names the splits it loads.</summary>
    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(Folder)));

    public int ImageBytes => Manifest.Channels * Manifest.Resolution * Manifest.Resolution;

    /// <summary>Bytes of both splits in memory: images plus int64 labels.</summary>
    public long SizeBytes =>
        (long)(Manifest.Train.Count + Manifest.Test.Count) * (ImageBytes + (Manifest.Labelled ? 8 : 0));

    public static bool IsPacked(string folder) => File.Exists(Path.Combine(folder, PackManifest.FileName));

    public static PackedDataset Open(string folder) => new(folder, PackManifest.Read(folder));

    public bool FitsIn(long budgetBytes) => SizeBytes <= budgetBytes;

    /// <summary>Both splits, whole, as uint8 CPU tensors.</summary>
    public DatasetSplit Load()
    {
        var train = LoadSplit(Manifest.Train, "train");
        try
        {
            return new DatasetSplit(train, LoadSplit(Manifest.Test, "test"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>Shard arrays that this dataset's streams have finished with, for the next shard of any of them; holds
    /// at most what the streams had in flight at once.</summary>
    internal ShardBufferPool ShardBuffers { get; } = new();

    /// <summary>Streams one split in shuffled batches within the options' memory budget.</summary>
    public PackedStream Stream(PackedStreamOptions? options = null) => new(this, options ?? new PackedStreamOptions());

    ImageDataset LoadSplit(PackedSplit split, string name)
    {
        var listed = split.Shards.Sum(s => (long)s.Count);
        if (listed != split.Count)
            throw new DatasetException(
                $"{Folder}: the {name} shards list {listed} images, the manifest's count is {split.Count}");
        var images = empty([split.Count, Manifest.Channels, Manifest.Resolution, Manifest.Resolution], uint8);
        var labels = Manifest.Labelled ? new long[split.Count] : null;
        try
        {
            var offset = 0;
            foreach (var shard in split.Shards)
            {
                using var view = images.narrow(0, offset, shard.Count); // contiguous: a run of whole images
                ShardReader.ReadInto(Folder, shard, Manifest, view.bytes,
                    labels is null ? [] : labels.AsSpan(offset, shard.Count));
                offset += shard.Count;
            }
        }
        catch
        {
            images.Dispose();
            throw;
        }
        return new ImageDataset($"{Name}/{name}", images, labels is null ? null : tensor(labels), Manifest.ClassNames);
    }
}
