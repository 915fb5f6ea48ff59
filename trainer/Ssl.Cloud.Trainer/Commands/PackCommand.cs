using System.CommandLine;
using Ssl.Cloud.Trainer.Terminal;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl pack</c>: decode a source once into the packed format (safetensors shards + manifest), listing every
/// file left out and why. Exit 0 when anything was usable; 2, naming the first rejects, when nothing was.</summary>
public static class PackCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source")
        {
            Description = "An image folder (class = sub-folder), a zip of one, an IDX or CIFAR folder, builtin or "
                + "fashion-mnist.",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for the shards and manifest.json; nothing is written anywhere else.",
            Required = true,
        };
        var resolution = new Option<int>("--resolution", "-r")
        {
            Description = "Side of the square images stored.",
            Required = true,
        };
        var color = new Option<string>("--color")
        {
            Description = "rgb or gray (default: the source's own; RGB for image files).",
        };
        var resize = new Option<string>("--resize")
        {
            Description = "crop: shorter side to the resolution, then centre crop; exact: both sides, aspect not kept.",
            DefaultValueFactory = _ => "crop",
        };
        var shardMb = new Option<int>("--shard-mb")
        {
            Description = "Upper bound of one shard's image bytes, in MiB.",
            DefaultValueFactory = _ => 64,
        };
        var testFraction = new Option<double>("--test-fraction")
        {
            Description = "Share of files sent to the test split (by a stable hash of the path) when the source has no "
                + "train/ and test/ folders.",
            DefaultValueFactory = _ => 0.2,
        };
        var threads = new Option<int?>("--threads") { Description = "Decoding threads (default: every core)." };
        color.AcceptOnlyFromAmong("rgb", "gray");
        resize.AcceptOnlyFromAmong("crop", "exact");
        OptionRules.AtLeast(resolution, 1);
        OptionRules.AtLeast(shardMb, 1);

        var command = new Command("pack",
            "Decode and validate a dataset once into safetensors shards for training; every rejected file is listed "
            + "with its reason.")
        {
            source, output, resolution, color, resize, shardMb, testFraction, threads,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var fraction = parse.GetValue(testFraction);
            if (fraction is < 0 or >= 1)
                throw new ArgumentException($"--test-fraction must be in [0, 1), got {fraction}.");
            if (parse.GetValue(threads) is < 1) throw new ArgumentException("--threads must be at least 1.");
            var options = new PackOptions
            {
                Color = parse.GetValue(color) switch
                {
                    "rgb" => ColorMode.Rgb, "gray" => ColorMode.Grayscale, _ => null
                },
                Resize = parse.GetValue(resize) == "exact" ? ResizeMode.Exact : ResizeMode.ShorterSideCentreCrop,
                ShardBytes = (long)parse.GetValue(shardMb) << 20,
                TestFraction = fraction,
                MaxDegreeOfParallelism = parse.GetValue(threads),
            };
            var result = Packer.Pack(
                parse.GetValue(source)!, parse.GetValue(output)!, parse.GetValue(resolution), options, ct);
            PackSummary.Print(result, Console.Out);
            return 0;
        }));
        return command;
    }
}
