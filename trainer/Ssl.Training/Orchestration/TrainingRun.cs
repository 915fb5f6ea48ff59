using System.Diagnostics;
using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using Ssl.Training.Evaluation;
using Ssl.Training.Loop;
using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using Ssl.Training.Reports;
using Ssl.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Orchestration;

/// <summary>One whole run in a run directory: train (or resume) with the collapse monitors and periodic kNN, probe
/// the trained encoder, its random initialisation and raw pixels, write report.json, report.md and report.html.
/// A run that diverges or collapses gets a failed report with the diagnosis, then the exception is rethrown so
/// that no caller mistakes it for a success. The same code serves <c>ssl train</c> and the queue worker.</summary>
public static class TrainingRun
{
    /// <summary>Held-out points in the PCA picture (a deterministic prefix of the test set).</summary>
    const int ProjectionPoints = 2000;

    /// <summary>Runs on a split held whole in memory; see the other overload.</summary>
    public static TrainingReport Execute(TrainingOptions options, DatasetSplit data, RunDirectory run,
        ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        using var input = TrainingData.Resident(data, owns: false);
        return Execute(options, input, run, observer, cancellationToken);
    }

    /// <summary>Trains on <paramref name="input"/>'s batches (resident or streamed); the monitors and probes use its
    /// evaluation split, which for a streamed set is a capped sample
    /// (<see cref="TrainingData.EvaluationSampleImages"/>).</summary>
    public static TrainingReport Execute(TrainingOptions options, TrainingData input, RunDirectory run,
        ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var data = input.Evaluation;
        options.Validate();
        if (options.Minutes is { } minutes && options.Budget is null && !File.Exists(run.Request))
            options = PlanBudget(options, minutes, input.TrainCount, data.Train.Channels, data.Train.Height);
        var definition = MethodRegistry.Get(options.Method);
        int featureDim;
        using (var encoder = (options.Encoder with { InChannels = data.Train.Channels }).Create())
            featureDim = encoder.FeatureDim;
        var hp = Trainer.ResolveHyperParameters(options, featureDim, Trainer.StepsPerEpoch(options, data.Train.Count));
        if (!File.Exists(run.Request)) run.WriteRequest(options);
        var device = DeviceSelector.Resolve(options.Device);
        var normalization = Trainer.NormalizationOf(data.Train);
        var settings = new MonitorSettings(options.EvalEvery, options.CollapseThreshold, options.KnnK,
            options.KnnTemperature, Seed: options.Seed);
        using var monitor = new TrainingMonitor(data, normalization, device, settings, run, observer);

        var report = new TrainingReport
        {
            RunId = run.RunId,
            Status = "succeeded",
            Method = definition.Name,
            MethodReference = definition.Reference,
            HyperParameters = hp.Values,
            Options = options,
            Dataset = new DatasetSummary(input.Batches.Name, input.TrainCount, input.TestCount, data.Train.Channels,
                data.Train.Height, data.Train.Width, data.Train.ClassNames),
            Device = device.ToString(),
            Epochs = [],
            StepLosses = [],
            StepLearningRates = [],
            Monitors = [],
            KnnHistory = [],
            TrainingSeconds = 0,
            ImagesPerSecond = 0,
            FinishedAt = DateTimeOffset.UtcNow,
        };

        TrainingResult result;
        try
        {
            result = new Trainer(options, run, monitor).Train(input.Batches, cancellationToken);
        }
        catch (Exception e) when (e is TrainingDivergedException or RepresentationCollapsedException)
        {
            var seconds = monitor.SessionEpochs.Sum(x => x.Seconds);
            ReportWriter.Write(run, report with
            {
                Status = "failed",
                FailureKind = e is TrainingDivergedException ? FailureKind.Diverged : FailureKind.Collapsed,
                FailureReason = e.Message,
                Epochs = monitor.SessionEpochs,
                StepLosses = monitor.SessionStepLosses,
                StepLearningRates = LearningRates(options, definition, input.TrainCount, monitor.SessionFirstStep,
                    monitor.SessionStepLosses.Count),
                Monitors = monitor.History.Collapse,
                KnnHistory = monitor.History.Knn,
                TrainingSeconds = seconds,
                ImagesPerSecond = monitor.SessionStepLosses.Count * options.BatchSize / Math.Max(1e-9, seconds),
                FinishedAt = DateTimeOffset.UtcNow,
            });
            throw;
        }

        using (result)
        {
            observer?.OnEvaluating();
            var clock = Stopwatch.StartNew();
            // Without class labels (a folder of images, no class folders) there is nothing to probe against.
            var (probes, projection) = data.Train.Labels is null || data.Test.Labels is null
                ? (null, null)
                : Evaluate(options, result.Method.Backbone, data, normalization, device);
            report = report with
            {
                Device = result.Plan.Device,
                Epochs = result.State.Epochs,
                StepLosses = result.State.StepLosses,
                StepLearningRates =
                    LearningRates(options, definition, input.TrainCount, 0, result.State.StepLosses.Count),
                Monitors = monitor.History.Collapse,
                KnnHistory = monitor.History.Knn,
                Probes = probes,
                Projection = projection,
                TrainingSeconds = result.State.TrainingSeconds,
                ImagesPerSecond =
                    result.State.GlobalStep * options.BatchSize / Math.Max(1e-9, result.State.TrainingSeconds),
                EvaluationSeconds = clock.Elapsed.TotalSeconds,
                FinishedAt = DateTimeOffset.UtcNow,
            };
        }
        ReportWriter.Write(run, report);
        return report;
    }

    /// <summary>Steps timed for a time budget, after <see cref="BudgetProbeWarmup"/> untimed ones.</summary>
    const int BudgetProbeSteps = 10;

    /// <summary>Untimed steps before the budget probe: the first steps of a fresh process pay for the allocator's
    /// growth and LibTorch's kernel choice, which the run pays once.</summary>
    const int BudgetProbeWarmup = 5;

    /// <summary>Epochs for <paramref name="minutes"/> of training: the median of a few timed steps of this run's
    /// model, batch and augmentation on synthetic images of its data's channels and size is the step time
    /// (<see cref="TimeBudget"/>). The median, because one step slowed by another process on a shared machine
    /// should not cost the run its epochs.</summary>
    static TrainingOptions PlanBudget(
        TrainingOptions options, double minutes, int trainCount, int channels, int resolution)
    {
        var stepsPerEpoch = Math.Max(1, Trainer.StepsPerEpoch(options, trainCount));
        var steps = new List<double>();
        ModelFootprint.Train(options, channels, resolution, BudgetProbeSteps, BudgetProbeWarmup, steps);
        steps.Sort();
        var budget = TimeBudget.Plan(minutes, steps[steps.Count / 2], stepsPerEpoch);
        return options with { Epochs = budget.Epochs, Budget = budget };
    }

    /// <summary>The baselines table (trained / random initialisation / raw pixels) and the PCA of held-out
    /// features.</summary>
    static (ProbeReport? Probes, EmbeddingProjection? Projection) Evaluate(TrainingOptions options,
        nn.Module<Tensor, Tensor> trained, DatasetSplit data, Normalization normalization, Device device)
    {
        var settings =
            new ProbeSettings(options.KnnK, options.KnnTemperature, new LinearProbeRecipe { Seed = options.Seed });
        ProbeScores trainedScores;
        EmbeddingProjection projection;
        using (var train = FeatureExtractor.Extract(trained, data.Train, normalization, device))
        using (var test = FeatureExtractor.Extract(trained, data.Test, normalization, device))
        {
            trainedScores = EncoderEvaluator.Probe(train, test, data, settings);
            projection = Project(test, data.Test);
        }
        ProbeScores randomScores;
        using (var initial =
            Trainer.BuildMethod(options, data.Train.Channels, Trainer.StepsPerEpoch(options, data.Train.Count)))
        {
            initial.to(device);
            randomScores = EncoderEvaluator.ProbeEncoder(initial.Backbone, data, normalization, device, settings);
        }
        var rawScores = EncoderEvaluator.ProbeRawPixels(data, normalization, device, settings);
        var probes = new ProbeReport(settings.KnnK, settings.KnnTemperature, settings.LinearRecipe,
            Math.Min(settings.LinearRecipe.TopK, EncoderEvaluator.ClassCount(data)), data.Train.Count, data.Test.Count,
            trainedScores, randomScores, rawScores);
        return (probes, projection);
    }

    static EmbeddingProjection Project(Tensor testFeatures, ImageDataset test)
    {
        var n = (int)Math.Min(ProjectionPoints, testFeatures.shape[0]);
        using var sample = testFeatures.narrow(0, 0, n);
        var (coordinates, explained) = Pca.Project(sample, 2);
        using (coordinates)
        {
            var xy = coordinates.data<float>().ToArray();
            using var labels = test.Labels!.narrow(0, 0, n).cpu();
            return new EmbeddingProjection("pca", explained,
                Enumerable.Range(0, n).Select(i => xy[2 * i]).ToList(),
                Enumerable.Range(0, n).Select(i => coordinates.shape[1] > 1 ? xy[2 * i + 1] : 0f).ToList(),
                labels.data<long>().ToArray());
        }
    }

    /// <summary>The encoder's scheduled learning rate at steps [first, first + count): the schedule is a pure
    /// function of the step, so it needs no history (also after a resume).</summary>
    static List<double> LearningRates(
        TrainingOptions options, MethodDefinition definition, int trainCount, long first, int count)
    {
        var settings = options.ResolveOptimizer(definition.Optimizer);
        var stepsPerEpoch = Math.Max(1, trainCount / options.BatchSize);
        var schedule = new LearningRateSchedule(settings.ScaledLearningRate(options.BatchSize),
            (long)Math.Round(settings.WarmupEpochs * stepsPerEpoch), (long)stepsPerEpoch * options.Epochs);
        return Enumerable.Range(0, count).Select(i => schedule.At(first + i)).ToList();
    }
}
