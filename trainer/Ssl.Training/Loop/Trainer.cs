using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using Ssl.Training.Methods;
using Ssl.Training.Native;
using Ssl.Training.Optimization;
using Ssl.Training.Runs;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Loop;

/// <summary>The training loop shared by <c>ssl train</c> and the queue worker: seeded, one dispose scope per step,
/// warm-up + cosine learning rate, a checkpoint every N epochs, at the end and on cancellation, and exact resume
/// from the run directory's latest checkpoint.</summary>
public sealed class Trainer(TrainingOptions options, RunDirectory run, ITrainingObserver? observer = null)
{
    readonly ITrainingObserver observer = observer ?? new NullObserver();

    /// <summary>Builds the method for <paramref name="channels"/>-channel images from the seed, so the weights are
    /// the same every time: this is also the random-initialisation baseline. Its hyper-parameters are the paper's
    /// re-expressed for a run of <paramref name="stepsPerEpoch"/> x the options' epochs on this backbone.</summary>
    public static SslMethod BuildMethod(TrainingOptions options, int channels, long stepsPerEpoch)
    {
        var definition = MethodRegistry.Get(options.Method);
        return SeededWeights.Build(options.Seed, () =>
        {
            var backbone = (options.Encoder with { InChannels = channels }).Create();
            return definition.Create(backbone, ResolveHyperParameters(options, backbone.FeatureDim, stepsPerEpoch));
        });
    }

    /// <summary>The hyper-parameters this run uses: overrides as given, the rest the paper's re-expressed for
    /// <paramref name="stepsPerEpoch"/> x the options' epochs on a backbone of <paramref name="featureDim"/>
    /// features.</summary>
    public static HyperParameters ResolveHyperParameters(TrainingOptions options, int featureDim, long stepsPerEpoch)
    {
        var definition = MethodRegistry.Get(options.Method);
        return HyperParameters.Resolve(definition.Name, definition.HyperParameters, options.Set,
            new RunShape(stepsPerEpoch, options.Epochs, featureDim));
    }

    /// <summary>Optimiser steps in one epoch over <paramref name="trainCount"/> images (the last partial batch is
    /// dropped).</summary>
    public static long StepsPerEpoch(TrainingOptions options, int trainCount) => trainCount / options.BatchSize;

    /// <summary>Trains on <paramref name="data"/>, resident on the device; see the other overload.</summary>
    public TrainingResult Train(ImageDataset data, CancellationToken cancellationToken = default,
        int? stopAfterEpoch = null)
    {
        using var batches = new ResidentBatches(data);
        return Train(batches, cancellationToken, stopAfterEpoch);
    }

    /// <summary>Trains on <paramref name="data"/>; resumes if the run directory holds a checkpoint. On cancellation
    /// it saves a checkpoint at the step boundary and throws <see cref="OperationCanceledException"/>.
    /// <paramref name="stopAfterEpoch"/> ends this session early (with a checkpoint) without changing the planned
    /// schedule, as a pre-empted or time-boxed job would.</summary>
    public TrainingResult Train(TrainingBatches data, CancellationToken cancellationToken = default,
        int? stopAfterEpoch = null)
    {
        options.Validate();
        var definition = MethodRegistry.Get(options.Method);
        var settings = options.ResolveOptimizer(definition.Optimizer);
        var device = DeviceSelector.Resolve(options.Device);
        var stepsPerEpoch = (int)StepsPerEpoch(options, data.Count);
        if (stepsPerEpoch == 0)
            throw new ArgumentException(
                $"batch-size {options.BatchSize} is larger than the {data.Count} training images of '{data.Name}'.");

        var method = BuildMethod(options, data.Channels, stepsPerEpoch);
        try
        {
            method.to(device);
            method.train();
            using var optimizer = Optimization.Optimizer.Create(method.ParameterGroups(), settings);
            using var augmentRng = new Generator((ulong)options.Seed + 1, device);
            var totalSteps = (long)stepsPerEpoch * options.Epochs;
            var baseRate = settings.ScaledLearningRate(options.BatchSize);
            var schedule = new LearningRateSchedule(baseRate, (long)Math.Round(settings.WarmupEpochs * stepsPerEpoch),
                totalSteps);

            var state = TrainingState.Start();
            if (run.LatestCheckpoint() is { } latest)
                state = Checkpoint.Load(latest, method, optimizer, augmentRng, device, definition.Name);
            else if (options.WarmStartCheckpoint is { } warm)
                Checkpoint.LoadWeights(warm, method, definition.Name);

            var plan = new TrainingPlan(options.Epochs, stepsPerEpoch, state.Epoch, state.GlobalStep, options.BatchSize,
                device.ToString());
            observer.OnStarted(plan);
            var normalization = NormalizationOf(data.StatisticsSample);
            var viewMaker = new ViewMaker(method, normalization, augmentRng, data.Height, options.CropScaleMin,
                options.Blur);
            var training = new TrainingStep(method, optimizer);

            while (state.Epoch < options.Epochs)
            {
                var epoch = state.Epoch;
                var clock = Stopwatch.StartNew();
                var firstStep = state.StepInEpoch;
                double lossSum = 0, lr = 0;
                var step = firstStep;
                foreach (var batch in
                    data.Epoch(epoch, firstStep, options.BatchSize, options.Seed, device, cancellationToken))
                {
                    using var owned = batch;
                    using var scope = NewDisposeScope();
                    if (cancellationToken.IsCancellationRequested)
                    {
                        state = state with
                        {
                            StepInEpoch = step, TrainingSeconds = state.TrainingSeconds + clock.Elapsed.TotalSeconds
                        };
                        SaveCheckpoint(method, optimizer, augmentRng, state, definition.Name);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    var views = viewMaker.Augment(batch);
                    lr = schedule.At(state.GlobalStep);
                    var context = new StepContext(epoch, state.GlobalStep, totalSteps);
                    var value = training.Run(views, context, lr, baseRate, step);

                    lossSum += value;
                    state.StepLosses.Add(value);
                    state = state with { GlobalStep = state.GlobalStep + 1 };
                    var imagesPerSecond =
                        (step - firstStep + 1) * options.BatchSize / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                    observer.OnStep(
                        new StepProgress(epoch, step, state.GlobalStep, totalSteps, value, lr, imagesPerSecond));
                    step++;
                }
                if (step != stepsPerEpoch)
                    throw new InvalidOperationException(
                        $"'{data.Name}' gave {step} batches in epoch {epoch}, expected {stepsPerEpoch}");

                var seconds = clock.Elapsed.TotalSeconds;
                var stepsRun = stepsPerEpoch - firstStep;
                // The mean over the whole epoch, also when it was resumed part-way: the earlier steps are in the
                // history.
                var epochLosses = state.StepLosses.Skip(state.StepLosses.Count - stepsPerEpoch);
                var metrics = new EpochMetrics(epoch + 1, epochLosses.Average(), lr,
                    stepsRun * options.BatchSize / Math.Max(1e-9, seconds), seconds);
                state.Epochs.Add(metrics);
                state = state with
                {
                    Epoch = epoch + 1, StepInEpoch = 0, TrainingSeconds = state.TrainingSeconds + seconds
                };
                observer.OnEpochCompleted(metrics);
                observer.OnEpochEvaluation(method, metrics);
                var stopping = state.Epoch == stopAfterEpoch;
                if (state.Epoch % options.CheckpointEvery == 0 || state.Epoch == options.Epochs || stopping)
                    SaveCheckpoint(method, optimizer, augmentRng, state, definition.Name);
                if (stopping) break;
            }
            return new TrainingResult(method, state, plan);
        }
        catch
        {
            method.Dispose();
            throw;
        }
    }

    void SaveCheckpoint(SslMethod method, Optimization.Optimizer optimizer, Generator rng, TrainingState state,
        string methodName)
    {
        var file = run.CheckpointFile(state);
        Checkpoint.Save(file, method, optimizer, rng, state, methodName);
        run.PointLatestAt(file, state);
        observer.OnCheckpointSaved(file, state);
    }

    /// <summary>Input normalisation with the training images' own per-channel statistics (a 10k-image
    /// sample).</summary>
    public static Normalization NormalizationOf(ImageDataset data)
    {
        using var sample = data.Images.narrow(0, 0, Math.Min(data.Count, 10_000));
        return Normalization.Measure(sample);
    }

    sealed class NullObserver : ITrainingObserver;
}
