using System.Diagnostics;
using System.Text.Json;
using Ssl.Training.Data;
using Ssl.Training.Evaluation;
using Ssl.Training.Methods;
using Ssl.Training.Reports;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Training;

/// <summary>One whole run in a run directory: train (or resume), evaluate the trained and the random encoder,
/// write report.json and report.md. The same code serves <c>ssl train</c> and the queue worker.</summary>
public static class TrainingRun
{
    public static TrainingReport Execute(TrainingOptions options, DatasetSplit data, RunDirectory run,
        ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var definition = MethodRegistry.Get(options.Method);
        var hp = HyperParameters.Resolve(definition.Name, definition.HyperParameters, options.Set);
        if (!File.Exists(run.Request)) run.WriteRequest(options);

        using var result = new Trainer(options, run, observer).Train(data.Train, cancellationToken);
        observer?.OnEvaluating();
        var clock = Stopwatch.StartNew();
        var device = DeviceSelector.Resolve(options.Device);
        var normalization = Trainer.NormalizationOf(data.Train);
        var trained = EncoderEvaluator.KnnAccuracy(result.Method.Backbone, data, normalization, device, options.KnnK, options.KnnTemperature);
        double random;
        using (var initial = Trainer.BuildMethod(options, data.Train.Channels))
        {
            initial.to(device);
            random = EncoderEvaluator.KnnAccuracy(initial.Backbone, data, normalization, device, options.KnnK, options.KnnTemperature);
        }

        var report = new TrainingReport
        {
            RunId = run.RunId,
            Status = "succeeded",
            Method = definition.Name,
            MethodReference = definition.Reference,
            HyperParameters = hp.Values,
            Options = options,
            Dataset = new DatasetSummary(data.Train.Name, data.Train.Count, data.Test.Count, data.Train.Channels, data.Train.Height, data.Train.Width, data.Train.ClassNames),
            Device = result.Plan.Device,
            Epochs = result.State.Epochs,
            StepLosses = result.State.StepLosses,
            Knn = new KnnEvaluation(options.KnnK, options.KnnTemperature, trained, random, data.Train.Count, data.Test.Count),
            TrainingSeconds = result.State.TrainingSeconds,
            EvaluationSeconds = clock.Elapsed.TotalSeconds,
            FinishedAt = DateTimeOffset.UtcNow,
        };
        RunDirectory.WriteAtomically(run.ReportJson, JsonSerializer.Serialize(report, RunDirectory.Json));
        RunDirectory.WriteAtomically(run.ReportMarkdown, MarkdownReport.Render(report));
        return report;
    }
}
