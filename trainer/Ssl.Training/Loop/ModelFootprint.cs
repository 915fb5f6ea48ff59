using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
using Ssl.Training.Runs;

namespace Ssl.Training.Loop;

/// <summary>What the model's training step takes of the process: its peak resident memory (VmHWM) over a few
/// training steps on synthetic images of the data's shape, before any data is loaded. That covers the runtime,
/// LibTorch, the weights and optimiser state, and a step's activations forward and backward, which the memory
/// budget must pay for before the data (<see cref="MemoryBudget.DataShare"/>). glibc keeps the freed step memory
/// for the next steps (Orchestration/MallocTuning), so the peak stays the floor that the data add to.</summary>
public static class ModelFootprint
{
    /// <summary>Steps measured: the second step is the first with optimiser state (momentum buffers).</summary>
    public const int Steps = 2;

    /// <returns>The process's peak resident bytes, or null where <c>/proc</c> is absent.</returns>
    public static long? Measure(TrainingOptions options, int channels, int resolution)
    {
        // What came before (packing an image folder in this process) hands its managed memory back first, so the
        // peak is the step's and not the packer's garbage.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ProcessMemory.TryResetPeak();
        Train(options, channels, resolution, Steps, warmupSteps: 0);
        GC.Collect();
        return ProcessMemory.PeakResidentBytes;
    }

    /// <summary>The data's share of a whole-process budget of <paramref name="wholeBytes"/> for a run of
    /// <paramref name="options"/> on <paramref name="packed"/>: what the model's measured training step leaves
    /// (<see cref="MemoryBudget.DataShare"/>). A dataset that is always loaded whole (null: built-in, IDX, CIFAR)
    /// gets the whole budget. The split is announced on <paramref name="log"/>. Used by <c>ssl train</c> and the
    /// worker alike.</summary>
    /// <exception cref="ArgumentException">The budget leaves the data too little; names <paramref name="field"/>.
    /// </exception>
    public static long DataShare(TrainingOptions options, long wholeBytes, PackedDataset? packed, string field,
        TextWriter? log)
    {
        if (packed is null) return wholeBytes;
        var model = Measure(options, packed.Manifest.Channels, packed.Manifest.Resolution) ?? 0;
        var share = MemoryBudget.DataShare(wholeBytes, model,
            Math.Min(packed.SizeBytes, TrainingData.MinimumStreamBytes(packed)), field);
        log?.WriteLine($"memory budget {wholeBytes >> 20} MiB: the model's training step takes {model >> 20} MiB, "
            + $"the data get {share >> 20} MiB");
        return share;
    }

    /// <summary>Wall and CPU seconds of <paramref name="steps"/> steps after <paramref name="warmupSteps"/> untimed
    /// ones on a resident set of built-in images just large enough for them (each timed step's wall seconds into
    /// <paramref name="stepSeconds"/>, when given).</summary>
    internal static (double Wall, double Cpu) Train(TrainingOptions options, int channels, int resolution,
        int steps, int warmupSteps, List<double>? stepSeconds = null)
    {
        using var few = SyntheticShapes.Create((steps + warmupSteps) * options.BatchSize, 0, resolution,
            (int)options.Seed);
        using var images = channels == few.Train.Channels ? null
            : new ImageDataset(few.Train.Name, few.Train.Images.narrow(1, 0, channels).contiguous(), null,
                few.Train.ClassNames);
        using var resident = new ResidentBatches(images ?? few.Train);
        return StreamBenchmark.Time(options, resident, steps, warmupSteps, stepSeconds);
    }
}
