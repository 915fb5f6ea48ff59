using static System.FormattableString;
using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using Ssl.Training.Methods;
using Ssl.Training.Runs;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>An observer that measures the collapse monitors after every epoch and the kNN accuracy every
/// <see cref="MonitorSettings.KnnEvery"/> epochs, keeps their history in the run directory, and stops a collapsed run
/// with a <see cref="RepresentationCollapsedException"/>. Every other event goes on to the inner observer.</summary>
public sealed class TrainingMonitor(DatasetSplit data, Normalization normalization, Device device,
    MonitorSettings settings, RunDirectory run, ITrainingObserver? inner = null) : ITrainingObserver, IDisposable
{
    CollapseMonitor? monitor;
    int plannedEpochs;

    public MonitorHistory History { get; private set; } = new([], []);

    /// <summary>What this session trained, also when it ends by an exception (the report of a failed run).</summary>
    public List<EpochMetrics> SessionEpochs { get; } = [];
    public List<float> SessionStepLosses { get; } = [];
    public long SessionFirstStep { get; private set; }

    public void OnStarted(TrainingPlan plan)
    {
        plannedEpochs = plan.Epochs;
        SessionFirstStep = plan.StartStep;
        History = MonitorHistory.Load(run, plan.StartEpoch);
        inner?.OnStarted(plan);
    }

    public void OnStep(StepProgress step)
    {
        SessionStepLosses.Add((float)step.Loss);
        inner?.OnStep(step);
    }

    public void OnEpochCompleted(EpochMetrics epoch)
    {
        SessionEpochs.Add(epoch);
        inner?.OnEpochCompleted(epoch);
    }

    public void OnCheckpointSaved(string path, TrainingState state) => inner?.OnCheckpointSaved(path, state);
    public void OnEvaluating() => inner?.OnEvaluating();

    public void OnEpochEvaluation(SslMethod method, EpochMetrics epoch)
    {
        monitor ??= new CollapseMonitor(data.Train, method.ViewRecipes(data.Train.Height).Global, normalization, device,
            settings.BatchSize, settings.Seed);
        var metrics = monitor.Measure(method, epoch.Epoch);
        History.Collapse.Add(metrics);
        var collapsed = settings.CollapseThreshold > 0 && !(metrics.EffectiveRank >= settings.CollapseThreshold);
        if (!collapsed && settings.KnnEvery > 0 && data.Train.Labels is not null && data.Test.Labels is not null
            && (epoch.Epoch % settings.KnnEvery == 0 || epoch.Epoch == plannedEpochs))
            History.Knn.Add(new KnnPoint(epoch.Epoch, EncoderEvaluator.KnnAccuracy(
                method.Backbone, data, normalization, device, settings.KnnK, settings.KnnTemperature)));
        History.Save(run);
        inner?.OnEpochEvaluation(method, epoch);
        if (collapsed) throw new RepresentationCollapsedException(Diagnose(metrics), metrics);
    }

    string Diagnose(CollapseMetrics m) =>
        Invariant($"Representation collapse after epoch {m.Epoch}: the effective rank (RankMe) of the ")
        + Invariant($"{m.Dimension}-d embeddings is {m.EffectiveRank:F2}, ")
        + Invariant($"below the threshold {settings.CollapseThreshold:G3}; z-std x sqrt(D) {m.StdRatio:F3} ")
        + "(healthy: about 1), "
        + Invariant($"uniformity {m.Uniformity:F3} (0 = all embeddings equal). ")
        + "The encoder maps every image onto (nearly) one line: "
        + "check the method's collapse-preventing parts (stop-gradient, predictor, target network, variance terms) "
        + "and try a lower learning rate.";

    public void Dispose() => monitor?.Dispose();
}
