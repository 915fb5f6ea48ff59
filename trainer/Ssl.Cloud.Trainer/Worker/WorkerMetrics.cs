using System.Diagnostics.Metrics;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>The worker's OpenTelemetry instruments (meter <see cref="MeterName"/>). Rates are gauges of the
/// latest step, so a dashboard shows what the trainer sees; counts are counters a backend can rate itself.</summary>
public sealed class WorkerMetrics
{
    public const string MeterName = "Ssl.Cloud.Worker";
    const string RunTag = "run.id";
    const string OutcomeTag = "outcome";

    readonly Counter<long> steps;
    readonly Gauge<double> stepsPerSecond;
    readonly Gauge<double> imagesPerSecond;
    readonly Gauge<double> loss;
    readonly Histogram<double> epochSeconds;
    readonly Histogram<double> checkpointUploadSeconds;
    readonly Counter<long> messages;

    public WorkerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        steps = meter.CreateCounter<long>("ssl.worker.steps", "{step}", "Optimiser steps trained.");
        stepsPerSecond = meter.CreateGauge<double>("ssl.worker.steps_per_second", "{step}/s",
            "Optimiser steps per second in the current epoch.");
        imagesPerSecond = meter.CreateGauge<double>("ssl.worker.images_per_second", "{image}/s",
            "Training images per second in the current epoch.");
        loss = meter.CreateGauge<double>("ssl.worker.loss", "1", "Training loss of the latest step.");
        epochSeconds = meter.CreateHistogram<double>("ssl.worker.epoch.duration", "s",
            "Wall time of one training epoch.");
        checkpointUploadSeconds = meter.CreateHistogram<double>("ssl.worker.checkpoint.upload.duration", "s",
            "Upload of one checkpoint and its pointer.");
        messages = meter.CreateCounter<long>("ssl.worker.messages", "{message}",
            "Training messages handled, by outcome.");
    }

    public void Step(string runId, double lossValue, double images, int batchSize)
    {
        var tag = new KeyValuePair<string, object?>(RunTag, runId);
        steps.Add(1, tag);
        loss.Record(lossValue, tag);
        imagesPerSecond.Record(images, tag);
        stepsPerSecond.Record(images / Math.Max(1, batchSize), tag);
    }

    public void Epoch(string runId, double seconds) =>
        epochSeconds.Record(seconds, new KeyValuePair<string, object?>(RunTag, runId));

    public void CheckpointUploaded(string runId, TimeSpan elapsed) =>
        checkpointUploadSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(RunTag, runId));

    public void Handled(MessageOutcome outcome) =>
        messages.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome.ToString().ToLowerInvariant()));
}
