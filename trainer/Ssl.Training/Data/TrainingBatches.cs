using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>Where the training loop's batches come from: a set resident on the device (<see cref="ResidentBatches"/>)
/// or packed shards streamed within a memory budget (<see cref="Packing.StreamedBatches"/>). Either way an epoch's
/// order depends only on the seed and the epoch, so a run resumed mid-epoch sees the batches it would have
/// seen.</summary>
public abstract class TrainingBatches : IDisposable
{
    public abstract string Name { get; }

    /// <summary>Training images in one epoch (the loop takes <c>Count / batchSize</c> full batches).</summary>
    public abstract int Count { get; }

    public abstract int Channels { get; }
    public abstract int Height { get; }

    /// <summary>Images whose per-channel statistics normalise the inputs: the whole set when resident, the
    /// evaluation sample when streamed. Not owned by the caller.</summary>
    public abstract ImageDataset StatisticsSample { get; }

    /// <summary>The batches of <paramref name="epoch"/> from step <paramref name="firstStep"/> on: uint8
    /// <c>[B,C,H,W]</c> tensors on <paramref name="device"/> that the caller disposes, <c>Count / batchSize -
    /// firstStep</c> of them.</summary>
    public abstract IEnumerable<Tensor> Epoch(int epoch, int firstStep, int batchSize, long seed, Device device,
        CancellationToken cancellationToken = default);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
