using static TorchSharp.torch;

namespace Ssl.Training.Data.Packing;

/// <summary>Training batches streamed from a packed dataset's train shards within a memory budget
/// (<see cref="PackedStream"/>: shard order and a two-shard shuffle window, both from the seed and the epoch). Only
/// full batches are returned, as the resident path does; a resumed epoch skips its first batches by drawing them
/// without copying, so it continues with exactly the batches it would have seen.</summary>
public sealed class StreamedBatches(PackedDataset packed, long memoryBudgetBytes, ImageDataset statisticsSample)
    : TrainingBatches
{
    PackedStream? stream;

    public override string Name => $"{packed.Name}/train (streamed)";
    public override int Count => packed.Manifest.Train.Count;
    public override int Channels => packed.Manifest.Channels;
    public override int Height => packed.Manifest.Resolution;
    public override ImageDataset StatisticsSample => statisticsSample;

    /// <summary>The stream of the last epoch, for its memory accounting.</summary>
    public PackedStream? Stream => stream;

    public override IEnumerable<Tensor> Epoch(int epoch, int firstStep, int batchSize, long seed, Device device,
        CancellationToken cancellationToken = default)
    {
        var options = new PackedStreamOptions
        {
            BatchSize = batchSize,
            MemoryBudgetBytes = memoryBudgetBytes,
            Seed = unchecked((int)SplitMix64.Mix(seed)),
            DropLast = true,
        };
        // One stream per batch size and seed keeps its buffer pool across epochs.
        if (stream is null || stream.Options != options) stream = packed.Stream(options);
        foreach (var batch in stream.Epoch(epoch, cancellationToken, firstStep))
        {
            batch.Labels?.Dispose();
            if (batch.Images.device_type == device.type && batch.Images.device_index == device.index)
            {
                yield return batch.Images;
                continue;
            }
            using (batch.Images) yield return batch.Images.to(device);
        }
    }
}
