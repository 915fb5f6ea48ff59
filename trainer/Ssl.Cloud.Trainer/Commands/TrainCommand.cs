using System.CommandLine;
using System.Globalization;
using Ssl.Cloud.Trainer.Terminal;
using Ssl.Training.Data;
using Ssl.Training.Encoders;
using Ssl.Training.Loop;
using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using Ssl.Training.Orchestration;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl train</c>: one SSL training run into a local run directory, then the kNN report.</summary>
public static class TrainCommand
{
    /// <summary>What bare <c>ssl train</c> runs (also what <c>ssl methods</c> describes): SimCLR, the fastest learner
    /// of the methods table, on a 16-wide ConvNet at batch 128, for <see cref="TrainingOptions.DefaultBudgetSteps"/>
    /// steps, so that the first run finishes in minutes on a laptop CPU and beats raw pixels (README).</summary>
    public static TrainingOptions Defaults { get; } = new()
    {
        Method = "simclr", BatchSize = 128, Encoder = new EncoderOptions { Architecture = "convnet", Width = 16 },
    };

    public static Command Create()
    {
        var runOptions = new RunOptionSet(remote: false, Defaults);
        var dataset = new Option<string>("--dataset", "-d")
        {
            Description = "builtin (synthetic shapes, no download), fashion-mnist, a folder (images with class "
                + "sub-folders, IDX, CIFAR binary, or packed by ssl pack) or a zip of images; images are packed into "
                + "$SSL_CACHE on first use.",
            DefaultValueFactory = _ => new TrainingOptions().Dataset,
        };
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda.", DefaultValueFactory = _ => new TrainingOptions().Device,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Directory under which the run directory is created.", DefaultValueFactory = _ => "runs",
        };
        var runId = new Option<string?>("--run-id")
        {
            Description = "Name of the run directory (default: method-dataset-timestamp).",
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the run in this directory from its latest checkpoint (other options are taken "
                + "from its request.json).",
        };
        var cropScaleMin = new Option<double?>("--crop-scale-min")
        {
            Description = "Smallest area fraction of the random resized crops of the two global views (default: the "
                + "method's, 0.2).",
        };
        var memoryBudget = new Option<string?>("--memory-budget")
        {
            Description = "Memory of the whole training process, e.g. 2G: the data get what the model's training "
                + "step leaves, and a packed dataset larger than that is streamed from its shards (default: half of "
                + "the available memory).",
        };
        var threads = new Option<int?>("--threads")
        {
            Description = "CPU threads for LibTorch (default: all cores). Fewer helps on a busy machine.",
        };

        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        OptionRules.AtLeast(threads, 1);

        var command = new Command("train",
            "Train an encoder with a self-supervised method and report whether it learned (kNN vs a random encoder).")
        {
            dataset, device, output, runId, resume, threads, cropScaleMin, memoryBudget,
        };
        runOptions.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            RunDirectory run;
            TrainingOptions options;
            long? processBudget = null;
            if (parse.GetValue(resume) is { } resumeDir)
            {
                if (!Directory.Exists(resumeDir))
                    throw new DirectoryNotFoundException($"--resume: run directory '{resumeDir}' does not exist.");
                run = new RunDirectory(resumeDir);
                options = run.ReadRequest();
            }
            else
            {
                options = runOptions.ToTrainingOptions(parse, parse.GetValue(dataset)!);
                options = options with
                {
                    Device = parse.GetValue(device)!,
                    CropScaleMin = parse.GetValue(cropScaleMin),
                };
                processBudget = parse.GetValue(memoryBudget) is { } size
                    ? MemoryBudget.Parse(size) : MemoryBudget.Default();
                var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                var id = parse.GetValue(runId) ?? $"{options.Method}-{SafeName(options.Dataset)}-{stamp}";
                run = new RunDirectory(Path.Combine(parse.GetValue(output)!, id));
                if (File.Exists(run.Request))
                    throw new ArgumentException(
                        $"--run-id: '{run.Path}' already holds a run; use --resume '{run.Path}' to continue it.");
            }
            if (parse.GetValue(threads) is { } n) TorchSharp.torch.set_num_threads(n);
            // Everything is checked before any data is loaded or anything is written.
            options.Validate();
            var definition = MethodRegistry.Get(options.Method);
            HyperParameters.Resolve(definition.Name, definition.HyperParameters, options.Set);

            // The data get what the model's training step leaves of --memory-budget. Resolved once and kept in
            // request.json (MemoryBudgetBytes): it decides resident or streamed, so --resume repeats it.
            using var data = DatasetLoader.OpenForTraining(options.Dataset, options.TrainLimit, packed =>
            {
                if (options.MemoryBudgetBytes is { } resolved) return resolved;
                var share = ModelFootprint.DataShare(options, processBudget ?? MemoryBudget.Default(), packed,
                    "--memory-budget", Console.Out);
                options = options with { MemoryBudgetBytes = share };
                return share;
            }, Console.Out);
            // Without --epochs, a budget of about TrainingOptions.DefaultBudgetSteps steps for this dataset's size.
            if (parse.GetValue(resume) is null && parse.GetResult(runOptions.Epochs) is not { Implicit: false })
                options = options with { Epochs = TrainingOptions.DefaultEpochs(data.TrainCount, options.BatchSize) };
            var report = TrainingProgressDisplay.Run(options, run,
                observer => TrainingRun.Execute(options, data, run, observer, ct));
            ReportSummary.Print(report, run);
            return 0;
        }));
        return command;
    }

    static string SafeName(string dataset)
    {
        var name = Path.GetFileName(dataset.TrimEnd('/', '\\'));
        return new string(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
    }
}
