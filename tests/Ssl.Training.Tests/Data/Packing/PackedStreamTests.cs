using System.Security.Cryptography;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
using Ssl.Training.IO;

namespace Ssl.Training.Tests.Data.Packing;

public class PackedStreamTests
{
    const int ImageBytes = 3 * 16 * 16;
    const int ShardImages = 50;
    const long ShardBytes = ShardImages * (ImageBytes + 8L);

    [Fact]
    public void Streaming_a_dataset_four_times_its_budget_holds_at_most_the_budget_and_yields_every_image_once()
    {
        using var dir = new TempFolder();
        var dataset = Pack(dir.Path, 400); // 8 shards
        var budget = 2 * ShardBytes;
        Assert.False(dataset.FitsIn(budget * 3));

        var stream = dataset.Stream(new PackedStreamOptions { BatchSize = 32, MemoryBudgetBytes = budget });
        var seen = new List<string>();
        var labels = new long[10];
        foreach (var batch in stream.Epoch(0))
        {
            using (batch)
            {
                Assert.InRange(stream.BytesInFlight, 0, budget);
                seen.AddRange(Hashes(batch.Images.data<byte>().ToArray()));
                foreach (var l in batch.Labels!.data<long>().ToArray()) labels[l]++;
            }
        }
        Assert.Equal(400, seen.Count);
        Assert.Equal(400, seen.Distinct().Count());
        Assert.All(labels, count => Assert.Equal(40, count));
        Assert.InRange(stream.PeakBytesInFlight, ShardBytes, budget);
        Assert.Equal(0, stream.BytesInFlight);
    }

    [Fact]
    public void Batches_mix_shards_and_the_order_depends_on_the_seed_and_epoch_only()
    {
        using var dir = new TempFolder();
        var dataset = Pack(dir.Path, 400);
        var shardOf = new Dictionary<string, int>();
        for (var s = 0; s < dataset.Manifest.Train.Shards.Count; s++)
        {
            var (tensors, _) = SafeTensors.Read(Path.Combine(dir.Path, dataset.Manifest.Train.Shards[s].File));
            foreach (var h in Hashes(tensors["images"].data<byte>().ToArray())) shardOf[h] = s;
            foreach (var t in tensors.Values) t.Dispose();
        }
        var options = new PackedStreamOptions { BatchSize = 40, MemoryBudgetBytes = 4 * ShardBytes, Seed = 5 };

        var first = Order(dataset.Stream(options), 0);
        Assert.True(first[..40].Select(h => shardOf[h]).Distinct().Count() >= 2,
            "the first batch should draw from more than one shard");
        Assert.Equal(first, Order(dataset.Stream(options), 0));
        Assert.NotEqual(first, Order(dataset.Stream(options), 1));
        Assert.NotEqual(first, Order(dataset.Stream(options with { Seed = 6 }), 0));
    }

    [Fact]
    public void Leaving_an_epoch_early_releases_everything_it_held()
    {
        using var dir = new TempFolder();
        var stream = Pack(dir.Path, 400).Stream(new PackedStreamOptions
        {
            BatchSize = 10, MemoryBudgetBytes = 3 * ShardBytes
        });
        foreach (var batch in stream.Epoch(0).Take(3)) batch.Dispose();
        Assert.Equal(0, stream.BytesInFlight);
    }

    [Fact]
    public void A_budget_smaller_than_one_shard_is_an_error()
    {
        using var dir = new TempFolder();
        var dataset = Pack(dir.Path, 100);
        var e = Assert.Throws<DatasetException>(
            () => dataset.Stream(new PackedStreamOptions { MemoryBudgetBytes = ShardBytes - 1 }));
        Assert.Contains("memory budget", e.Message);
    }

    [Fact]
    public void A_damaged_shard_surfaces_as_an_error_naming_it()
    {
        using var dir = new TempFolder();
        var dataset = Pack(dir.Path, 200);
        var victim = Path.Combine(dir.Path, dataset.Manifest.Train.Shards[2].File);
        File.WriteAllBytes(victim, File.ReadAllBytes(victim)[..1000]);

        var stream = dataset.Stream(new PackedStreamOptions { BatchSize = 16, MemoryBudgetBytes = 2 * ShardBytes });
        var e = Assert.Throws<DatasetException>(() => { foreach (var b in stream.Epoch(0)) b.Dispose(); });
        Assert.Contains(victim, e.Message);
        Assert.Equal(0, stream.BytesInFlight);
    }

    static PackedDataset Pack(string folder, int count)
    {
        Packer.Pack($"builtin:{count},10", folder, 16, new PackOptions { ShardBytes = ShardImages * ImageBytes });
        return PackedDataset.Open(folder);
    }

    static List<string> Order(PackedStream stream, int epoch)
    {
        var order = new List<string>();
        foreach (var batch in stream.Epoch(epoch))
            using (batch) order.AddRange(Hashes(batch.Images.data<byte>().ToArray()));
        return order;
    }

    static IEnumerable<string> Hashes(byte[] images) =>
        Enumerable.Range(0, images.Length / ImageBytes).Select(
            i => Convert.ToHexString(SHA256.HashData(images.AsSpan(i * ImageBytes, ImageBytes)))).ToList();
}
