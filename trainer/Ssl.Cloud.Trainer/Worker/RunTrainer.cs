using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Data;
using Ssl.Training.Loop;
using Ssl.Training.Export;
using Ssl.Training.Orchestration;
using Ssl.Training.Reports;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>One attempt at one run on this machine: a fresh local run directory filled from blob storage
/// (the latest checkpoint, so that the run resumes exactly where the last attempt left it), then
/// <see cref="TrainingRun.Execute"/> — the code of <c>ssl train</c> — on a thread of its own, then the report
/// files and the exported encoder uploaded as artifacts.</summary>
public sealed class RunTrainer(RunStore runs, WorkerMetrics metrics, IOptions<WorkerOptions> options,
    TimeProvider time, ILogger<RunTrainer> log)
{
    static readonly (string Name, string ContentType)[] ReportFiles =
    [
        (BlobLayout.ReportJson, "application/json"),
        ("report.md", "text/markdown"),
        (BlobLayout.ReportHtml, "text/html"),
        ("monitors.json", "application/json"),
    ];

    /// <summary>Trains the run to the end and uploads its artifacts.</summary>
    /// <exception cref="OperationCanceledException">Stopped at a step boundary; the checkpoint there is
    /// uploaded.</exception>
    /// <exception cref="TrainingDivergedException">The run diverged; its failed report is uploaded.</exception>
    /// <exception cref="RequestRejectedException">The request cannot be trained on this data (e.g. a batch larger
    /// than the dataset).</exception>
    public async Task<TrainingReport> TrainAsync(TrainingOptions training, RunHeartbeat heartbeat, CancellationToken ct)
    {
        var runId = heartbeat.RunId;
        var run = new RunDirectory(Path.Combine(options.Value.WorkDirectory, "runs", runId));
        // Blob storage is the truth; a folder left by an earlier attempt on this machine may be ahead of it or behind.
        if (Directory.Exists(run.Path)) Directory.Delete(run.Path, recursive: true);
        Directory.CreateDirectory(run.Checkpoints);
        var observer = new CloudTrainingObserver(runs, runId, heartbeat, metrics, time, log);
        try
        {
            var report = await Task.Factory.StartNew(() => Train(training, run, observer, ct),
                ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await UploadArtifactsAsync(run, includeEncoder: true);
            return report;
        }
        catch (Exception e) when (e is TrainingDivergedException
                                      or Ssl.Training.Evaluation.RepresentationCollapsedException)
        {
            await UploadArtifactsAsync(run, includeEncoder: false);
            throw;
        }
        catch (Exception e) when (e is DatasetException)
        {
            throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"run '{runId}': {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new RequestRejectedException(RequestRejectedException.InvalidRequest,
                $"run '{runId}': {e.Message}", e);
        }
    }

    /// <summary>Synchronous on purpose: it owns a thread for the whole run, and blocking that thread on a download
    /// keeps TorchSharp's work off the thread pool.</summary>
    TrainingReport Train(
        TrainingOptions training, RunDirectory run, CloudTrainingObserver observer, CancellationToken ct)
    {
        var budget = options.Value.MemoryBudget is { } text
            ? MemoryBudget.Parse(text, "Worker:MemoryBudget")
            : MemoryBudget.Default();
        // Worker:MemoryBudget is the whole process's, as --memory-budget is: the data get what the model's
        // training step leaves of it.
        using var split = new StringWriter();
        using var data = DatasetCatalog.OpenForTraining(training.Dataset, null, new DatasetOptions
        {
            TrainLimit = training.TrainLimit,
            CacheDirectory = Path.Combine(options.Value.WorkDirectory, "pack-cache"),
        }, packed => training.MemoryBudgetBytes
            ?? ModelFootprint.DataShare(training, budget, packed, "Worker:MemoryBudget", split));
        if (split.ToString().Trim() is { Length: > 0 } line)
            log.LogInformation("Run {RunId}: {Split}", run.RunId, line);
        RestoreLatestCheckpointAsync(run, training, data.TrainCount).GetAwaiter().GetResult();
        if (training.WarmStartRunId is { } source && run.LatestCheckpoint() is null)
            training = training with
            {
                WarmStartCheckpoint = FetchWarmStartAsync(run, source).GetAwaiter().GetResult()
            };
        return TrainingRun.Execute(training, data, run, observer, ct);
    }

    async Task RestoreLatestCheckpointAsync(RunDirectory run, TrainingOptions training, int trainCount)
    {
        if (await runs.GetLatestCheckpointAsync(run.RunId) is not { } pointer) return;
        var local = Path.Combine(run.Checkpoints, Path.GetFileName(pointer.Path));
        await using (var file = File.Create(local))
            await runs.DownloadCheckpointAsync(run.RunId, pointer, file);
        var stepsPerEpoch = Math.Max(1, trainCount / training.BatchSize);
        var stepInEpoch = (int)Math.Max(0, pointer.Step - (long)pointer.Epoch * stepsPerEpoch);
        run.PointLatestAt(local, new TrainingState(pointer.Epoch, stepInEpoch, pointer.Step, [], [], 0));
        log.LogInformation("Run {RunId}: resuming from {Checkpoint} (epoch {Epoch}, step {Step})",
            run.RunId, pointer.Path, pointer.Epoch, pointer.Step);
    }

    /// <summary>The source run's final checkpoint, next to (not among) this run's own checkpoints.</summary>
    async Task<string> FetchWarmStartAsync(RunDirectory run, string sourceRunId)
    {
        var pointer = await runs.GetLatestCheckpointAsync(sourceRunId)
            ?? throw new RequestRejectedException(RequestRejectedException.InvalidRequest,
                $"run '{run.RunId}': warm-start source run '{sourceRunId}' has no checkpoint");
        var local = Path.Combine(run.Path, "warm-start.ckpt");
        await using (var file = File.Create(local))
            await runs.DownloadCheckpointAsync(sourceRunId, pointer, file);
        log.LogInformation("Run {RunId}: warm start from run {SourceRunId}, {Checkpoint} (epoch {Epoch})",
            run.RunId, sourceRunId, pointer.Path, pointer.Epoch);
        return local;
    }

    async Task UploadArtifactsAsync(RunDirectory run, bool includeEncoder)
    {
        foreach (var (name, contentType) in ReportFiles)
        {
            var path = Path.Combine(run.Path, name);
            if (!File.Exists(path)) continue;
            await using var file = File.OpenRead(path);
            await runs.WriteArtifactAsync(run.RunId, name, file, contentType);
        }
        if (includeEncoder && run.LatestCheckpoint() is { } checkpoint)
        {
            var encoder = Path.Combine(run.Path, BlobLayout.EncoderWeights);
            BackboneExport.Backbone(checkpoint, encoder);
            await using var file = File.OpenRead(encoder);
            await runs.WriteArtifactAsync(run.RunId, BlobLayout.EncoderWeights, file, "application/octet-stream");
        }
        log.LogInformation("Run {RunId}: artifacts uploaded", run.RunId);
    }
}
