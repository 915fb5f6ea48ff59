using System.Diagnostics;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
using Ssl.Training.Methods;
using Ssl.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Loop;

/// <summary>What <c>ssl bench stream</c> measures: the same training steps on a packed dataset streamed within a
/// memory budget and loaded whole, on the same model, and the resident memory of each. Streaming runs first, while
/// the process holds little else, so its peak is the stream's; the peak is reset (<c>/proc/self/clear_refs</c>)
/// before each mode.</summary>
public static class StreamBenchmark
{
    public static IReadOnlyList<StreamBenchmarkResult> Run(TrainingOptions options, string packedFolder,
        long budgetBytes, int steps, int warmupSteps = 2)
    {
        options.Validate();
        var packed = PackedDataset.Open(packedFolder);
        var results = new List<StreamBenchmarkResult>();
        GC.Collect();
        var before = ProcessMemory.ResidentBytes;
        ProcessMemory.TryResetPeak();
        using (var streamed = TrainingData.Stream(packed, budgetBytes, options.Seed))
        {
            var timed = Time(options, streamed.Batches, steps, warmupSteps);
            var stream = ((StreamedBatches)streamed.Batches).Stream;
            results.Add(new("streamed", steps, options.BatchSize, timed, steps * options.BatchSize / timed,
                before, ProcessMemory.PeakResidentBytes, stream?.PeakBytesInFlight));
        }
        GC.Collect();
        before = ProcessMemory.ResidentBytes;
        ProcessMemory.TryResetPeak();
        using (var split = packed.Load())
        using (var resident = new ResidentBatches(split.Train))
        {
            var timed = Time(options, resident, steps, warmupSteps);
            results.Add(new("in memory", steps, options.BatchSize, timed, steps * options.BatchSize / timed,
                before, ProcessMemory.PeakResidentBytes, null));
        }
        return results;
    }

    /// <summary>Seconds of <paramref name="steps"/> training steps after <paramref name="warmupSteps"/> untimed ones,
    /// fetching each batch from <paramref name="data"/> as the trainer does.</summary>
    static double Time(TrainingOptions options, TrainingBatches data, int steps, int warmupSteps)
    {
        if ((long)(steps + warmupSteps) * options.BatchSize > data.Count)
            throw new ArgumentException(
                $"{steps + warmupSteps} steps of {options.BatchSize} need more than the " +
                $"{data.Count} images of one epoch");
        var definition = MethodRegistry.Get(options.Method);
        var settings = options.ResolveOptimizer(definition.Optimizer);
        var device = DeviceSelector.Resolve(options.Device);
        using var method = Trainer.BuildMethod(options, data.Channels,
            Trainer.StepsPerEpoch(options, data.Count));
        method.to(device);
        method.train();
        using var optimizer = Optimization.Optimizer.Create(method.ParameterGroups(), settings);
        using var augmentRng = new Generator((ulong)options.Seed + 1, device);
        var viewMaker = new ViewMaker(method, Trainer.NormalizationOf(data.StatisticsSample), augmentRng, data.Height,
            blur: options.Blur);
        var training = new TrainingStep(method, optimizer);
        var clock = new Stopwatch();
        var step = 0;
        if (warmupSteps == 0) clock.Start();
        foreach (var batch in data.Epoch(0, 0, options.BatchSize, options.Seed, device))
        {
            using var owned = batch;
            using var scope = NewDisposeScope();
            var context = new StepContext(0, step, steps + warmupSteps);
            var value = training.Run(viewMaker.Augment(batch), context, settings.ScaledLearningRate(options.BatchSize),
                settings.ScaledLearningRate(options.BatchSize), step);
            if (device.type == DeviceType.CUDA) cuda.synchronize(device);
            if (!float.IsFinite(value))
                throw new TrainingDivergedException($"The loss became {value} at benchmark step {step + 1}.");
            if (++step == warmupSteps) clock.Start();
            if (step == warmupSteps + steps) break;
        }
        return clock.Elapsed.TotalSeconds;
    }
}
