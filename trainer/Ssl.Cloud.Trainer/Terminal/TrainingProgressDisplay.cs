using Spectre.Console;
using Ssl.Training.Reports;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Terminal;

/// <summary>Shows training progress: a live bar with loss, images/s and ETA on a terminal, one line per epoch
/// when the output is redirected (CI logs, containers).</summary>
public static class TrainingProgressDisplay
{
    public static TrainingReport Run(
        TrainingOptions options, RunDirectory run, Func<ITrainingObserver, TrainingReport> work)
    {
        AnsiConsole.MarkupLine($"Training [bold]{options.Method}[/] on [bold]{Markup.Escape(options.Dataset)}[/] "
            + $"with {options.Encoder.Architecture} (width {options.Encoder.Width}) into {Markup.Escape(run.Path)}");
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return work(new EpochLineObserver());

        TrainingReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => report = work(new ProgressBarObserver(ctx)));
        return report!;
    }

    sealed class ProgressBarObserver(ProgressContext context) : ITrainingObserver
    {
        ProgressTask? training;
        int epochs;

        public void OnStarted(TrainingPlan plan)
        {
            epochs = plan.Epochs;
            training = context.AddTask("training", maxValue: (double)plan.Epochs * plan.StepsPerEpoch);
            training.Value = plan.StartStep;
        }

        public void OnStep(StepProgress s)
        {
            if (training is null) return;
            training.Description = $"epoch {s.Epoch + 1}/{epochs}  loss {s.Loss,8:F4}  {s.ImagesPerSecond,6:F0} img/s";
            training.Value = s.GlobalStep;
        }

        public void OnEvaluating()
        {
            training?.StopTask();
            context.AddTask("evaluating (probes: trained, random initialisation, raw pixels)").IsIndeterminate();
        }
    }

    sealed class EpochLineObserver : ITrainingObserver
    {
        TrainingPlan? plan;
        double seconds;

        public void OnStarted(TrainingPlan p)
        {
            plan = p;
            Console.WriteLine($"{p.Epochs} epochs x {p.StepsPerEpoch} steps of {p.BatchSize} images on {p.Device}" +
                (p.StartEpoch > 0 || p.StartStep > 0
                    ? $", resuming at epoch {p.StartEpoch + 1} (step {p.StartStep})"
                    : ""));
        }

        public void OnEpochCompleted(EpochMetrics e)
        {
            seconds += e.Seconds;
            var left = plan is null ? 0 : (plan.Epochs - e.Epoch) * (seconds / Math.Max(1, e.Epoch - plan.StartEpoch));
            Console.WriteLine($"epoch {e.Epoch,3}/{plan?.Epochs}  loss {e.Loss,8:F4}  lr {e.LearningRate:G3}  "
                + $"{e.ImagesPerSecond,6:F0} img/s  {e.Seconds,5:F1} s  "
                + $"ETA {TimeSpan.FromSeconds(Math.Round(left)):c}");
        }

        public void OnCheckpointSaved(string path, TrainingState state) =>
            Console.WriteLine($"checkpoint: {path}");

        public void OnEvaluating() => Console.WriteLine(
            "evaluating: kNN and linear probes of the trained encoder, its random initialisation and raw pixels ...");
    }
}
