using System.CommandLine;
using Ssl.Cloud.Trainer.Terminal;
using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl bench ingest</c>: pack throughput of generated JPEGs and PNGs per resolution and thread count,
/// and the memory of streaming a dataset 4x larger than the loader's budget.</summary>
public static class BenchIngestCommand
{
    public static Command Create()
    {
        var images = new Option<int>("--images")
        {
            Description = "Generated images per format (JPEG and PNG).",
            DefaultValueFactory = _ => 1000,
        };
        var side = new Option<int>("--source-side")
        {
            Description = "Side of the generated square images.",
            DefaultValueFactory = _ => 256,
        };
        var resolutions = new Option<string>("--resolutions")
        {
            Description = "Packed resolutions, comma-separated.",
            DefaultValueFactory = _ => "32,96",
        };
        var threads = new Option<string>("--threads")
        {
            Description = "Decoding thread counts, comma-separated (default: 1 and every core).",
            DefaultValueFactory = _ => $"1,{Environment.ProcessorCount}",
        };
        var streamMb = new Option<int>("--stream-mb")
        {
            Description = "Size of the streamed dataset in MiB (the budget is a quarter).",
            DefaultValueFactory = _ => 64,
        };
        var folder = new Option<string?>("--folder")
        {
            Description = "An image folder to pack instead of generated images (e.g. photo PNGs made by "
                + "tests/benchmarks/photo-pngs.py).",
        };
        OptionRules.AtLeast(images, 1);
        OptionRules.AtLeast(side, 8);
        OptionRules.AtLeast(streamMb, 1);
        var command = new Command("ingest",
            "Decode + resize + pack images/s (per core and all cores) and streaming memory.")
        {
            images, side, resolutions, threads, streamMb, folder,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var options = new IngestBenchmarkOptions
            {
                ImagesPerFormat = parse.GetValue(images),
                SourceSide = parse.GetValue(side),
                Resolutions = OptionRules.PositiveList("--resolutions", parse.GetValue(resolutions)!),
                Threads = OptionRules.PositiveList("--threads", parse.GetValue(threads)!).Distinct().ToArray(),
                StreamDatasetBytes = (long)parse.GetValue(streamMb) << 20,
                SourceFolder = parse.GetValue(folder) is { } f && !Directory.Exists(f)
                    ? throw new DirectoryNotFoundException($"--folder: '{f}' does not exist.")
                    : parse.GetValue(folder),
            };
            Console.WriteLine(MachineLoad.Describe());
            IngestTable.Print(IngestBenchmark.Run(options), Console.Out);
            Console.WriteLine(MachineLoad.Describe());
            return 0;
        }));
        return command;
    }
}
