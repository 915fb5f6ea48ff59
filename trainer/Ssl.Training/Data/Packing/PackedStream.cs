using System.Threading.Channels;
using static TorchSharp.torch;

namespace Ssl.Training.Data.Packing;

/// <summary>Streams a packed split that need not fit in memory. A producer reads shards, in an order shuffled per
/// epoch, ahead of the consumer through a bounded channel; every shard held (being read, queued, or being drawn
/// from) is counted against <see cref="PackedStreamOptions.MemoryBudgetBytes"/>, and the producer waits when the
/// budget is spent. Each batch draws its samples from a window of shards, each in its own shuffled order, so
/// batches mix shards as well as shuffling within them.</summary>
public sealed class PackedStream
{
    readonly PackedDataset dataset;
    readonly PackedStreamOptions options;
    readonly PackedSplit split;
    readonly long labelBytes;
    readonly ByteBudget budget;
    readonly ShardBufferPool buffers = new();
    readonly int window;

    internal PackedStream(PackedDataset dataset, PackedStreamOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        this.dataset = dataset;
        this.options = options;
        split = options.TestSplit ? dataset.Manifest.Test : dataset.Manifest.Train;
        labelBytes = dataset.Manifest.Labelled ? sizeof(long) : 0;
        var largest = split.Shards.Count == 0 ? 0 : split.Shards.Max(ShardBytes);
        if (largest > options.MemoryBudgetBytes)
            throw new DatasetException(
                $"{dataset.Folder}: a shard needs {largest} bytes, more than the memory budget of " +
                $"{options.MemoryBudgetBytes}; raise the budget or repack with smaller shards");
        budget = new ByteBudget(options.MemoryBudgetBytes);
        // The window never holds more than the budget can, so the producer can always deliver what the window waits
        // for.
        window = (int)Math.Clamp(options.MemoryBudgetBytes / Math.Max(1, largest), 1,
            Math.Max(1, options.WindowShards));
    }

    public int Count => split.Count;

    public PackedStreamOptions Options => options;

    /// <summary>Shard bytes held right now, by the loader's own accounting.</summary>
    public long BytesInFlight => budget.InUse;

    /// <summary>Most shard bytes ever held at once; never above the budget.</summary>
    public long PeakBytesInFlight => budget.Peak;

    /// <summary>One pass over the split in an order that depends on the seed and <paramref name="epoch"/>.</summary>
    /// <param name="skipBatches">Batches to draw without returning them: a run resumed mid-epoch sees exactly the
    /// batches it would have seen, because skipping makes the same draws, only without copying the pixels.</param>
    public IEnumerable<ImageBatch> Epoch(int epoch, CancellationToken ct = default, int skipBatches = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skipBatches);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<LoadedShard>(new BoundedChannelOptions(Math.Max(1, window))
        {
            SingleReader = true, SingleWriter = true
        });
        var producer = Task.Run(() => Produce(epoch, channel.Writer, cts.Token), CancellationToken.None);
        var held = new List<LoadedShard>();
        var random = new Random(unchecked((int)SplitMix64.Mix(options.Seed, epoch, -1)));
        var drawn = 0;
        try
        {
            while (drawn < split.Count)
            {
                var size = Math.Min(options.BatchSize, split.Count - drawn);
                if (options.DropLast && size < options.BatchSize) yield break;
                if (skipBatches > 0)
                {
                    skipBatches--;
                    var skipped = Fill(held, channel.Reader, random, null, null, size, cts.Token);
                    if (skipped < size) throw Short(drawn + skipped);
                    drawn += skipped;
                    continue;
                }
                // Samples are copied straight into the batch tensor as they are drawn, so a shard released here is
                // referenced by nothing and its array goes back to the pool.
                var images = empty(
                    [size, dataset.Manifest.Channels, dataset.Manifest.Resolution, dataset.Manifest.Resolution],
                    ScalarType.Byte);
                var labels = labelBytes > 0 ? new long[size] : null;
                int count;
                try
                {
                    count = Fill(held, channel.Reader, random, images, labels, size, cts.Token);
                }
                catch
                {
                    images.Dispose();
                    throw;
                }
                if (count < size)
                {
                    images.Dispose();
                    throw Short(drawn + count);
                }
                drawn += count;
                yield return new ImageBatch(images, labels is null ? null : tensor(labels));
            }
        }
        finally
        {
            cts.Cancel();
            try { producer.Wait(CancellationToken.None); } catch (AggregateException) { }
            foreach (var shard in held) Release(shard);
            while (channel.Reader.TryRead(out var queued)) Release(queued);
        }
    }

    DatasetException Short(int held) =>
        new($"{dataset.Folder}: the shards hold {held} samples, the manifest says {split.Count}");

    async Task Produce(int epoch, ChannelWriter<LoadedShard> writer, CancellationToken ct)
    {
        try
        {
            var order = split.Shards.ToArray();
            new Random(unchecked((int)SplitMix64.Mix(options.Seed, epoch))).Shuffle(order);
            for (var s = 0; s < order.Length; s++)
            {
                var bytes = ShardBytes(order[s]);
                await budget.AcquireAsync(bytes, ct).ConfigureAwait(false);
                LoadedShard loaded;
                try
                {
                    loaded = LoadedShard.Read(dataset, order[s], bytes, SplitMix64.Mix(options.Seed, epoch, s),
                        buffers);
                    await writer.WriteAsync(loaded, ct).ConfigureAwait(false);
                }
                catch
                {
                    budget.Release(bytes);
                    throw;
                }
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    void Refill(List<LoadedShard> held, ChannelReader<LoadedShard> reader, CancellationToken ct)
    {
        while (held.Count < window)
        {
            if (reader.TryRead(out var shard))
            {
                held.Add(shard);
                continue;
            }
            // Always fill the window before drawing, so batches do not depend on how fast the disk was.
            if (!reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult()) return;
        }
    }

    /// <summary>A shard with probability proportional to the samples it has left, so the window empties
    /// evenly.</summary>
    static LoadedShard Pick(List<LoadedShard> held, Random random)
    {
        var ticket = random.NextInt64(held.Sum(s => (long)s.Remaining));
        foreach (var shard in held)
        {
            if (ticket < shard.Remaining) return shard;
            ticket -= shard.Remaining;
        }
        return held[^1];
    }

    /// <summary>Draws one batch's samples into <paramref name="images"/> (or only draws them, when it is null); fewer
    /// than <paramref name="size"/> only if the shards run out.</summary>
    int Fill(List<LoadedShard> held, ChannelReader<LoadedShard> reader, Random random, Tensor? images, long[]? labels,
        int size, CancellationToken ct)
    {
        Span<byte> pixels = images is null ? [] : images.bytes;
        var count = 0;
        while (count < size)
        {
            Refill(held, reader, ct);
            if (held.Count == 0) break;
            var shard = Pick(held, random);
            var sample = shard.Next();
            if (images is not null) shard.CopySample(sample, pixels, labels, count);
            count++;
            if (shard.Remaining == 0)
            {
                held.Remove(shard);
                Release(shard);
            }
        }
        return count;
    }

    void Release(LoadedShard shard)
    {
        budget.Release(shard.Bytes);
        buffers.Return(shard.Images);
    }

    long ShardBytes(PackedShard shard) => (long)shard.Count * (dataset.ImageBytes + labelBytes);
}
