using System.CommandLine;
using static System.FormattableString;
using Ssl.Cloud.Trainer.Terminal;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
using Ssl.Training.Encoders;
using Ssl.Training.Loop;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl bench stream</c>: training images/s and resident memory with a packed dataset streamed within a
/// budget versus loaded whole, on the same model, after a model-only mode that measures the process without data
/// (<see cref="StreamBenchmark"/>). Generates a built-in packed set first unless one is there; generating in the
/// same process leaves its memory behind, so run it again on the generated folder for the memory numbers.</summary>
public static class BenchStreamCommand
{
    public static Command Create()
    {
        var folder = new Option<string>("--folder")
        {
            Description = "Packed dataset to stream; generated from the built-in shapes if it has no manifest.",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "ssl-bench-stream"),
        };
        var images = new Option<int>("--images")
        {
            Description = "Images to generate when the folder is empty.",
            DefaultValueFactory = _ => 100_000,
        };
        var resolution = new Option<int>("--resolution")
        {
            Description = "Side of the generated images.",
            DefaultValueFactory = _ => 32,
        };
        var budget = new Option<string>("--memory-budget")
        {
            Description = "The whole process's budget, e.g. 1280M: the stream gets what the model-only mode's peak "
                + "leaves (generated shards are a sixteenth of the budget).",
            DefaultValueFactory = _ => "64M",
        };
        var steps = new Option<int>("--steps") { Description = "Timed steps per mode.", DefaultValueFactory = _ => 40 };
        var batchSize = new Option<int>("--batch-size", "-b")
        {
            Description = "Images per step.",
            DefaultValueFactory = _ => 256,
        };
        var width = new Option<int>("--width")
        {
            Description = "Channels of the convnet's first stage.",
            DefaultValueFactory = _ => 32,
        };
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        var threads = BenchOptions.Threads();
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        OptionRules.AtLeast(images, 1);
        OptionRules.AtLeast(resolution, 8);
        OptionRules.AtLeast(steps, 1);
        OptionRules.AtLeast(batchSize, 2);
        var command = new Command("stream",
            "Training images/s and peak memory: packed data streamed within a budget vs loaded whole.")
        {
            folder, images, resolution, budget, steps, batchSize, width, device, threads,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var bytes = MemoryBudget.Parse(parse.GetValue(budget)!);
            var path = parse.GetValue(folder)!;
            if (!PackedDataset.IsPacked(path))
            {
                var (count, side) = (parse.GetValue(images), parse.GetValue(resolution));
                Console.WriteLine($"Generating {count} built-in images at {side} px into {path} ...");
                var generate = new PackOptions { ShardBytes = bytes / 16 };
                Packer.Pack($"{DatasetCatalog.BuiltinSpec}:{count},0", path, side, generate, ct);
                Console.WriteLine("Generated in this process, whose memory it leaves resident: run the command again "
                    + "on the folder for the memory numbers.");
            }
            var packed = PackedDataset.Open(path);
            var options = new TrainingOptions
            {
                Encoder = new EncoderOptions
                {
                    Architecture = "convnet", Width = parse.GetValue(width),
                },
                BatchSize = parse.GetValue(batchSize),
                Device = parse.GetValue(device)!,
            };
            BenchOptions.ApplyThreads(parse.GetValue(threads));
            Console.WriteLine(MachineLoad.Describe());
            Console.WriteLine($"dataset {Mib(packed.SizeBytes)} ({packed.Manifest.Train.Count} images), budget "
                + Invariant($"{Mib(bytes)} ({packed.SizeBytes / (double)bytes:F1}x)"));
            var results = StreamBenchmark.Run(options, path, bytes, parse.GetValue(steps));
            foreach (var r in results)
            {
                var loader = r.PeakBytesInFlight is { } f ? $", loader peak {Mib(f)}" : "";
                Console.WriteLine(Invariant($"{r.Mode,-10} {r.ImagesPerSecond,9:F0} img/s ")
                    + Invariant($"{r.ImagesPerCpuSecond,7:F0} img/CPU-s  ")
                    + $"RSS before {Mib(r.ResidentBeforeBytes)}, peak {Mib(r.PeakResidentBytes)} "
                    + $"(+{Mib(r.PeakResidentBytes - r.ResidentBeforeBytes)}){loader}");
            }
            var (model, streamed, whole) = (results[0], results[1], results[2]);
            var ratio = streamed.ImagesPerSecond / whole.ImagesPerSecond;
            var cpuRatio = streamed.ImagesPerCpuSecond / whole.ImagesPerCpuSecond;
            Console.WriteLine(Invariant($"streamed / in memory: {ratio:P1} wall, {cpuRatio:P1} per CPU-second ")
                + "(one run, same model, same process)");
            if (streamed.PeakResidentBytes is { } s && model.PeakResidentBytes is { } w)
                Console.WriteLine($"the stream adds {Mib(s - w)} to the model's peak of {Mib(w)} (the data's share "
                    + $"{Mib(streamed.DataBudgetBytes)}); the process peaks at {Mib(s)}, budget {Mib(bytes)}: "
                    + (s <= bytes ? "within it" : $"{Mib(s - bytes)} over it"));
            Console.WriteLine(MachineLoad.Describe());
            return 0;
        }));
        return command;
    }

    static string Mib(long? bytes) => bytes is { } b ? Invariant($"{b / (double)(1 << 20):F1} MiB") : "n/a";
}
