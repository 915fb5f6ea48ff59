using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>The whole training set on the device, indexed by a per-epoch permutation: the fast path for data that
/// fit the memory budget. The dataset stays the caller's; the device copy is this object's.</summary>
public sealed class ResidentBatches(ImageDataset data) : TrainingBatches
{
    Tensor? onDevice;

    public override string Name => data.Name;
    public override int Count => data.Count;
    public override int Channels => data.Channels;
    public override int Height => data.Height;
    public override ImageDataset StatisticsSample => data;

    public override IEnumerable<Tensor> Epoch(int epoch, int firstStep, int batchSize, long seed, Device device,
        CancellationToken cancellationToken = default)
    {
        if (onDevice is null || onDevice.device_type != device.type || onDevice.device_index != device.index)
        {
            onDevice?.Dispose();
            onDevice = data.Images.to(device);
        }
        using var order = Order(epoch, seed, device);
        for (var step = firstStep; step < data.Count / batchSize; step++)
        {
            using var slice = order.narrow(0, (long)step * batchSize, batchSize);
            yield return onDevice.index_select(0, slice);
        }
    }

    /// <summary>A permutation that depends only on the seed and the epoch.</summary>
    Tensor Order(int epoch, long seed, Device device)
    {
        using var rng = new Generator((ulong)(seed * 1_000_003 + epoch + 17));
        using var perm = randperm(Count, generator: rng);
        return perm.to(device);
    }

    public override void Dispose()
    {
        onDevice?.Dispose();
        onDevice = null;
        base.Dispose();
    }
}
