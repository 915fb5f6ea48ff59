using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Connects the trainer to the run in blob storage: every checkpoint is uploaded (then
/// <c>latest.json</c> points at it) before training goes on, state moves to Training and Evaluating, and each
/// step's progress goes to the <see cref="RunHeartbeat"/> and the metrics. Runs on the training thread.</summary>
/// <remarks>Uploads ignore the training token on purpose: the checkpoint written on cancellation or shutdown
/// is the one that matters most. Storage's resilience pipeline bounds them; the host's grace period bounds
/// shutdown.</remarks>
public sealed class CloudTrainingObserver(RunStore runs, string runId, RunHeartbeat heartbeat, WorkerMetrics metrics,
    TimeProvider time, ILogger log) : ITrainingObserver
{
    TrainingPlan? plan;

    public void OnStarted(TrainingPlan started)
    {
        plan = started;
        log.LogInformation(
            "Run {RunId}: training {Epochs} epochs of {StepsPerEpoch} steps on {Device}, "
            + "from epoch {StartEpoch} step {StartStep}",
            runId, started.Epochs, started.StepsPerEpoch, started.Device, started.StartEpoch, started.StartStep);
        Wait(runs.UpdateStatusAsync(runId,
            s => s.State == RunState.Training ? s : s.MoveTo(RunState.Training, time.GetUtcNow())));
    }

    public void OnStep(StepProgress step)
    {
        var batch = plan?.BatchSize ?? 1;
        var remaining = step.TotalSteps - step.GlobalStep;
        heartbeat.Report(new RunProgress
        {
            Epoch = step.Epoch + 1,
            Step = step.GlobalStep,
            TotalSteps = step.TotalSteps,
            Loss = step.Loss,
            ImagesPerSecond = step.ImagesPerSecond,
            Eta = step.ImagesPerSecond > 0 ? TimeSpan.FromSeconds(remaining * batch / step.ImagesPerSecond) : null,
            Heartbeat = time.GetUtcNow(),
        });
        metrics.Step(runId, step.Loss, step.ImagesPerSecond, batch);
    }

    public void OnEpochCompleted(EpochMetrics epoch)
    {
        metrics.Epoch(runId, epoch.Seconds);
        log.LogInformation("Run {RunId}: epoch {Epoch} loss {Loss:F4}, {ImagesPerSecond:F0} images/s, {Seconds:F1} s",
            runId, epoch.Epoch, epoch.Loss, epoch.ImagesPerSecond, epoch.Seconds);
    }

    public void OnCheckpointSaved(string path, TrainingState state)
    {
        var clock = Stopwatch.StartNew();
        using (var file = File.OpenRead(path))
            Wait(runs.UploadCheckpointAsync(runId, state.Epoch, state.StepInEpoch, state.GlobalStep, file));
        metrics.CheckpointUploaded(runId, clock.Elapsed);
        log.LogInformation("Run {RunId}: checkpoint at epoch {Epoch} step {Step} uploaded in {Seconds:F2} s",
            runId, state.Epoch, state.GlobalStep, clock.Elapsed.TotalSeconds);
    }

    public void OnEvaluating() =>
        Wait(runs.UpdateStatusAsync(runId,
            s => s.State == RunState.Evaluating ? s : s.MoveTo(RunState.Evaluating, time.GetUtcNow())));

    /// <summary>The trainer's callbacks are synchronous and run on a thread of their own, so blocking here stalls
    /// training only, never the thread pool.</summary>
    static void Wait(Task task) => task.GetAwaiter().GetResult();
}
