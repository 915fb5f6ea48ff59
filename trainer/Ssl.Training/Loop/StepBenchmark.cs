using System.Diagnostics;
using Ssl.Training.Data;
using Ssl.Training.Methods;
using Ssl.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Loop;

/// <summary>What <c>ssl bench train</c> measures: the training step of <see cref="Trainer"/> (the same
/// <see cref="TrainingStep"/>) on built-in images, timed in three phases: augmentation (all views of the batch),
/// forward (to the loss value) and backward + optimiser step, in wall-clock and in the process's CPU time. On CUDA
/// each phase ends with a device synchronisation, so the split is real; on the CPU every op is synchronous anyway.
/// Warm-up steps are run first and not timed.</summary>
public static class StepBenchmark
{
    /// <summary>Side of the square synthetic images timed (the built-in data's).</summary>
    const int Resolution = 32;

    public static StepBenchmarkResult Run(TrainingOptions options, int steps, int warmupSteps = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        options.Validate();
        var definition = MethodRegistry.Get(options.Method);
        var settings = options.ResolveOptimizer(definition.Optimizer);
        var device = DeviceSelector.Resolve(options.Device);
        // A few batches' worth of distinct images, cycled: generating more would only time the generator.
        var batches = Math.Min(steps + warmupSteps, 4);
        using var data = SyntheticShapes.Create(options.BatchSize * batches, 0, Resolution, (int)options.Seed);
        using var method =
            Trainer.BuildMethod(options, data.Train.Channels, Trainer.StepsPerEpoch(options, data.Train.Count));
        method.to(device);
        method.train();
        using var optimizer = Optimization.Optimizer.Create(method.ParameterGroups(), settings);
        for (var g = 0; g < optimizer.Groups.Count; g++)
            optimizer.LearningRates[g] = settings.ScaledLearningRate(options.BatchSize);
        using var augmentRng = new Generator((ulong)options.Seed + 1, device);
        var normalization = Trainer.NormalizationOf(data.Train);
        var viewMaker = new ViewMaker(method, normalization, augmentRng, data.Train.Height, blur: options.Blur);
        var training = new TrainingStep(method, optimizer);
        using var images = data.Train.Images.to(device);

        double augment = 0, forward = 0, backward = 0, augmentCpu = 0, forwardCpu = 0, backwardCpu = 0;
        var clock = new Stopwatch();
        using var process = Process.GetCurrentProcess();
        for (var step = 0; step < warmupSteps + steps; step++)
        {
            using var scope = NewDisposeScope();
            var context = new StepContext(0, step, warmupSteps + steps);
            var cpu0 = Cpu(process);
            clock.Restart();
            var batch = images.narrow(0, (long)(step % batches) * options.BatchSize, options.BatchSize);
            var views = viewMaker.Augment(batch);
            Synchronize(device);
            var a = clock.Elapsed.TotalSeconds;
            var cpuA = Cpu(process);
            var loss = training.Loss(views, context);
            var value = loss.item<float>();
            var f = clock.Elapsed.TotalSeconds;
            var cpuF = Cpu(process);
            training.Update(loss, context);
            Synchronize(device);
            var b = clock.Elapsed.TotalSeconds;
            var cpuB = Cpu(process);
            if (!float.IsFinite(value))
                throw new TrainingDivergedException($"The loss became {value} at benchmark step {step + 1}.");
            if (step < warmupSteps) continue;
            (augment, forward, backward) = (augment + a, forward + f - a, backward + b - f);
            (augmentCpu, forwardCpu, backwardCpu) =
                (augmentCpu + cpuA - cpu0, forwardCpu + cpuF - cpuA, backwardCpu + cpuB - cpuF);
        }
        return new StepBenchmarkResult(definition.Name, options.Encoder.Architecture, options.Encoder.Width,
            options.BatchSize, device.ToString(), steps, augment, forward, backward, augmentCpu, forwardCpu,
            backwardCpu);
    }

    static double Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }
}
