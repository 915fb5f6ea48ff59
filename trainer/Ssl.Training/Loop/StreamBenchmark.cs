using System.Diagnostics;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
using Ssl.Training.Methods;
using Ssl.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Loop;

/// <summary>What <c>ssl bench stream</c> measures: the same training steps on a packed dataset streamed within a
/// memory budget and loaded whole, on the same model, and the resident memory of each. A first "model only" mode
/// trains on a resident set just large enough for its steps: its peak is the process without data (runtime,
/// LibTorch, the model and a step's activations: <see cref="ModelFootprint"/>), the stream gets what it leaves of
/// the budget, and it warms the kernels, so the streamed mode that follows is
/// not the one that pays for first use. Streaming runs before the whole set is loaded, so its peak is the stream's
/// on top of the model's; glibc keeps the freed step memory (Orchestration/MallocTuning), so the difference of the
/// two peaks is what the stream adds. The peak is reset (<c>/proc/self/clear_refs</c>) before each mode.</summary>
public static class StreamBenchmark
{
    public const string ModelOnly = "model only";
    public const string Streamed = "streamed";
    public const string InMemory = "in memory";

    /// <param name="budgetBytes">The whole process's budget: the stream gets what the model-only mode's peak
    /// leaves of it (<see cref="MemoryBudget.DataShare"/>), as <c>ssl train</c> gives it.</param>
    public static IReadOnlyList<StreamBenchmarkResult> Run(TrainingOptions options, string packedFolder,
        long budgetBytes, int steps, int warmupSteps = 2)
    {
        options.Validate();
        var packed = PackedDataset.Open(packedFolder);
        var m = packed.Manifest;
        var results = new List<StreamBenchmarkResult>();
        var before = Mark();
        var timed = ModelFootprint.Train(options, m.Channels, m.Resolution, steps, warmupSteps);
        results.Add(Result(ModelOnly, options, steps, timed, before, null, null));
        var model = results[0].PeakResidentBytes ?? 0;
        var share = MemoryBudget.DataShare(budgetBytes, model, TrainingData.MinimumStreamBytes(packed));
        before = Mark();
        using (var streamed = TrainingData.Stream(packed, share, options.Seed))
        {
            timed = Time(options, streamed.Batches, steps, warmupSteps);
            var stream = ((StreamedBatches)streamed.Batches).Stream;
            results.Add(Result(Streamed, options, steps, timed, before, stream?.PeakBytesInFlight, share));
        }
        before = Mark();
        using (var split = packed.Load())
        using (var resident = new ResidentBatches(split.Train))
        {
            timed = Time(options, resident, steps, warmupSteps);
            results.Add(Result(InMemory, options, steps, timed, before, null, null));
        }
        return results;
    }

    /// <summary>Collects what the last mode left, resets the peak and returns the resident bytes now.</summary>
    static long? Mark()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var resident = ProcessMemory.ResidentBytes;
        ProcessMemory.TryResetPeak();
        return resident;
    }

    static StreamBenchmarkResult Result(string mode, TrainingOptions options, int steps,
        (double Wall, double Cpu) seconds, long? before, long? inFlight, long? dataBudget) =>
        new(mode, steps, options.BatchSize, seconds.Wall, steps * options.BatchSize / seconds.Wall, before,
            ProcessMemory.PeakResidentBytes, inFlight, seconds.Cpu, dataBudget);

    /// <summary>Wall and process CPU seconds of <paramref name="steps"/> training steps after
    /// <paramref name="warmupSteps"/> untimed ones, fetching each batch from <paramref name="data"/> as the trainer
    /// does. <paramref name="stepSeconds"/>, when given, receives each timed step's wall seconds.</summary>
    internal static (double Wall, double Cpu) Time(TrainingOptions options, TrainingBatches data, int steps,
        int warmupSteps, List<double>? stepSeconds = null)
    {
        if ((long)(steps + warmupSteps) * options.BatchSize > data.Count)
            throw new ArgumentException(
                $"{steps + warmupSteps} steps of {options.BatchSize} need more than the {data.Count} images of one "
                + "epoch");
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
        var stepClock = Stopwatch.StartNew();
        var step = 0;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
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
            if (step >= warmupSteps) stepSeconds?.Add(stepClock.Elapsed.TotalSeconds);
            stepClock.Restart();
            if (++step == warmupSteps)
            {
                clock.Start();
                process.Refresh();
                cpu = process.TotalProcessorTime;
            }
            if (step == warmupSteps + steps) break;
        }
        process.Refresh();
        return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }
}
