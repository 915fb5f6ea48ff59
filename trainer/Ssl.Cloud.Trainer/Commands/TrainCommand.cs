using System.CommandLine;
using System.Globalization;
using Ssl.Training.Data;
using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using Ssl.Cloud.Trainer.Terminal;
using Ssl.Training.Orchestration;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl train</c>: one SSL training run into a local run directory, then the kNN report.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var method = new Option<string>("--method", "-m")
        {
            Description = $"SSL method: {string.Join(", ", MethodRegistry.Names)}. See 'ssl methods'.",
            DefaultValueFactory = _ => "simsiam",
        };
        var dataset = new Option<string>("--dataset", "-d")
        {
            Description = "builtin (synthetic shapes, no download), fashion-mnist, a folder (images with class "
                + "sub-folders, IDX, CIFAR binary, or packed by ssl pack) or a zip of images; images are packed into "
                + "$SSL_CACHE on first use.",
            DefaultValueFactory = _ => "builtin",
        };
        var encoder = new Option<string>("--encoder", "-e")
        {
            Description = "Backbone: convnet (small, fast on CPU) or resnet18.",
            DefaultValueFactory = _ => "convnet",
        };
        var width = new Option<int>("--width")
        {
            Description = "Channels of the encoder's first stage (64 = torchvision ResNet-18).",
            DefaultValueFactory = _ => 32,
        };
        var stem = new Option<ResNetStem>("--stem")
        {
            Description = "ResNet stem: Cifar (3x3 conv, no max-pool; for small images) or ImageNet.",
            DefaultValueFactory = _ => ResNetStem.Cifar,
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Passes over the training set.",
            DefaultValueFactory = _ => 20,
        };
        var batchSize = new Option<int>("--batch-size", "-b")
        {
            Description = "Images per step (the learning rate scales with batch/256).",
            DefaultValueFactory = _ => 256,
        };
        var lr = new Option<double?>("--lr")
        {
            Description = "Base learning rate for batch 256 (default: the method's paper value).",
        };
        var weightDecay = new Option<double?>("--weight-decay")
        {
            Description = "Weight decay (default: the method's paper value).",
        };
        var warmup = new Option<double?>("--warmup-epochs")
        {
            Description = "Linear warm-up epochs before the cosine decay (default: the method's).",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a method hyper-parameter, e.g. --set projector-dim=512 (repeatable; see 'ssl "
                + "methods').",
            AllowMultipleArgumentsPerToken = false,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed for weights, data order and augmentations.",
            DefaultValueFactory = _ => 0,
        };
        var trainLimit = new Option<int?>("--train-limit")
        {
            Description = "Use only the first N training images (quick runs).",
        };
        var checkpointEvery = new Option<int>("--checkpoint-every")
        {
            Description = "Save a checkpoint every N epochs (and always at the end).",
            DefaultValueFactory = _ => 5,
        };
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Directory under which the run directory is created.",
            DefaultValueFactory = _ => "runs",
        };
        var runId = new Option<string?>("--run-id")
        {
            Description = "Name of the run directory (default: method-dataset-timestamp).",
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the run in this directory from its latest checkpoint (other options are taken from "
                + "its request.json).",
        };
        var evalEvery = new Option<int>("--eval-every")
        {
            Description = "kNN on the held-out set every N epochs, for the report's curve (0 = only at the end).",
            DefaultValueFactory = _ => 5,
        };
        var collapseThreshold = new Option<double>("--collapse-threshold")
        {
            Description = "Stop as collapsed when the embeddings' effective rank (RankMe) falls below this (0 = "
                + "never).",
            DefaultValueFactory = _ => 2.0,
        };
        var cropScaleMin = new Option<double?>("--crop-scale-min")
        {
            Description = "Smallest area fraction of the random resized crops of the two global views (default: the "
                + "method's, 0.2).",
        };
        var threads = new Option<int?>("--threads")
        {
            Description = "CPU threads for LibTorch (default: all cores). Fewer helps on a busy machine.",
        };
        var memoryBudget = new Option<string?>("--memory-budget")
        {
            Description = "Bytes of images held in memory, e.g. 512M or 4G; a larger packed dataset is streamed from "
                + "its shards (default: half of the available memory).",
        };
        var knnK = new Option<int>("--knn-k")
        {
            Description = "Neighbours of the weighted kNN probe.",
            DefaultValueFactory = _ => 200,
        };

        method.AcceptOnlyFromAmong([.. MethodRegistry.Names]);
        encoder.AcceptOnlyFromAmong([.. EncoderOptions.Architectures]);
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        OptionRules.AtLeast(epochs, 1);
        OptionRules.AtLeast(batchSize, 2);
        OptionRules.AtLeast(width, 1);
        OptionRules.AtLeast(checkpointEvery, 1);
        OptionRules.AtLeast(knnK, 1);
        OptionRules.AtLeast(threads, 1);

        var command = new Command("train",
            "Train an encoder with a self-supervised method and report whether it learned (kNN vs a random encoder).")
        {
            method, dataset, encoder, width, stem, epochs, batchSize, lr, weightDecay, warmup, set, seed, trainLimit,
            checkpointEvery, device, output, runId, resume, knnK, threads, cropScaleMin, evalEvery, collapseThreshold,
            memoryBudget,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            RunDirectory run;
            TrainingOptions options;
            if (parse.GetValue(resume) is { } resumeDir)
            {
                if (!Directory.Exists(resumeDir))
                    throw new DirectoryNotFoundException($"--resume: run directory '{resumeDir}' does not exist.");
                run = new RunDirectory(resumeDir);
                options = run.ReadRequest();
            }
            else
            {
                options = new TrainingOptions
                {
                    Method = parse.GetValue(method)!,
                    Dataset = parse.GetValue(dataset)!,
                    Encoder = new EncoderOptions
                    {
                        Architecture = parse.GetValue(encoder)!, Width = parse.GetValue(width),
                        Stem = parse.GetValue(stem)
                    },
                    Epochs = parse.GetValue(epochs),
                    BatchSize = parse.GetValue(batchSize),
                    LearningRate = parse.GetValue(lr),
                    WeightDecay = parse.GetValue(weightDecay),
                    WarmupEpochs = parse.GetValue(warmup),
                    Set = ParseSet(parse.GetValue(set) ?? []),
                    Seed = parse.GetValue(seed),
                    TrainLimit = parse.GetValue(trainLimit),
                    CheckpointEvery = parse.GetValue(checkpointEvery),
                    Device = parse.GetValue(device)!,
                    KnnK = parse.GetValue(knnK),
                    CropScaleMin = parse.GetValue(cropScaleMin),
                    EvalEvery = parse.GetValue(evalEvery),
                    CollapseThreshold = parse.GetValue(collapseThreshold),
                    // Resolved now and kept in request.json: it decides resident or streamed, so --resume repeats it.
                    MemoryBudgetBytes = parse.GetValue(memoryBudget) is { } size
                        ? MemoryBudget.Parse(size)
                        : MemoryBudget.Default(),
                };
                var id = parse.GetValue(runId) ?? $"{options.Method}-{SafeName(options.Dataset)}-"
                    + $"{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
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

            using var data = DatasetLoader.OpenForTraining(options.Dataset, options.TrainLimit,
                options.MemoryBudgetBytes ?? MemoryBudget.Default(), Console.Out);
            var report = TrainingProgressDisplay.Run(options, run,
                observer => TrainingRun.Execute(options, data, run, observer, ct));
            ReportSummary.Print(report, run);
            return 0;
        }));
        return command;
    }

    /// <summary>Parses <c>key=value</c> pairs; the values are checked against the method's hyper-parameters
    /// later.</summary>
    public static Dictionary<string, string> ParseSet(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new ArgumentException($"--set '{pair}': expected key=value, e.g. --set projector-dim=512.");
            result[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return result;
    }

    static string SafeName(string dataset)
    {
        var name = Path.GetFileName(dataset.TrimEnd('/', '\\'));
        return new string(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
    }
}
