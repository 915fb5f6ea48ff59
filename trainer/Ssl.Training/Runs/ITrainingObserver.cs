using Ssl.Training.Methods;

namespace Ssl.Training.Runs;

/// <summary>What the trainer tells the outside world (console progress, run status in blob storage, metrics).</summary>
public interface ITrainingObserver
{
    void OnStarted(TrainingPlan plan) { }
    void OnStep(StepProgress step) { }
    void OnEpochCompleted(EpochMetrics epoch) { }
    /// <summary>After each epoch, before its checkpoint, with the method as trained so far (collapse monitors,
    /// periodic kNN). An observer restores the method's mode, leaves the training RNG alone, and may throw to
    /// stop the run.</summary>
    void OnEpochEvaluation(SslMethod method, EpochMetrics epoch) { }
    void OnCheckpointSaved(string path, TrainingState state) { }
    void OnEvaluating() { }
}

public sealed record TrainingPlan(
    int Epochs, int StepsPerEpoch, int StartEpoch, long StartStep, int BatchSize, string Device);

public readonly record struct StepProgress(int Epoch, int StepInEpoch, long GlobalStep, long TotalSteps, double Loss,
    double LearningRate, double ImagesPerSecond);
