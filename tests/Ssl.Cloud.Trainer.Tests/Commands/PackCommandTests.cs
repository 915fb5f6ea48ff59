using Ssl.Cloud.Trainer.Tests.Fixtures;
using Ssl.Training.Data.Packing;
using Ssl.Training.IO;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Commands;

public class PackCommandTests
{
    [Fact]
    public async Task Packing_the_hostile_upload_takes_the_good_images_and_names_every_bad_file_with_its_reason()
    {
        using var root = new TempFolder();
        var source = Path.Combine(root.Path, "upload");
        var bad = Uploads.Hostile(source);
        var before = Uploads.Snapshot(root.Path);
        var output = Path.Combine(root.Path, "packed");

        var result = await SslProcess.Run("pack", source, "--out", output, "--resolution", "16", "--test-fraction",
            "0");

        Assert.Equal(0, result.ExitCode);
        foreach (var (file, reason) in bad)
            Assert.Matches($@"(?m)^\s+{System.Text.RegularExpressions.Regex.Escape(file)}: .*{reason}", result.Output);
        Assert.Contains("taken 13 (13 train, 0 test), rejected 5", result.Output);
        Assert.Matches(@"(?m)^\s+cat\s+7\s+0$", result.Output); // six PNGs and the zipped one
        Assert.Matches(@"(?m)^\s+dog\s+6\s+0$", result.Output);
        Assert.Contains($"Manifest: {Path.Combine(output, "manifest.json")}", result.Output);
        Assert.Empty(result.Error);

        var after = Uploads.Snapshot(root.Path);
        Assert.Equal(before, after.Where(kv => !kv.Key.StartsWith("packed/")).ToDictionary());
        Assert.All(after.Keys.Where(k => k.StartsWith("packed/")),
            k => Assert.Matches(@"^packed/(manifest\.json|train-\d{5}\.safetensors)$", k));
        Assert.False(File.Exists(Path.Combine(root.Path, "escape.png")));
        var images = SafeTensors.ReadHeader(Path.Combine(output, "train-00000.safetensors")).Find("images")!;
        Assert.Equal([13L, 3, 16, 16], images.Shape);
    }

    [Fact]
    public async Task Gray_exact_packing_with_small_shards_writes_one_channel_in_several_shards()
    {
        using var root = new TempFolder();
        var source = Path.Combine(root.Path, "upload");
        Uploads.Good(source, perClass: 20);
        var output = Path.Combine(root.Path, "packed");

        // At 256x256 gray an image is 64 KiB, so a 1 MiB shard holds 16 of the 40.
        var result = await SslProcess.Run("pack", source, "--out", output, "--resolution", "256", "--color", "gray",
            "--resize", "exact", "--shard-mb", "1", "--test-fraction", "0");

        Assert.Equal(0, result.ExitCode);
        var manifest = PackManifest.Read(output);
        Assert.Equal(1, manifest.Channels);
        Assert.Equal(Ssl.Training.Data.ResizeMode.Exact, manifest.Resize);
        Assert.Equal(3, manifest.Train.Shards.Count);
        Assert.Equal([16, 16, 8], manifest.Train.Shards.Select(s => s.Count));
    }

    [Fact]
    public async Task A_source_with_nothing_usable_exits_2_with_a_message_naming_the_files()
    {
        using var root = new TempFolder();
        var source = Path.Combine(root.Path, "junk");
        Directory.CreateDirectory(Path.Combine(source, "a"));
        File.WriteAllText(Path.Combine(source, "a", "readme.png"), "not an image at all");
        var output = Path.Combine(root.Path, "packed");

        var result = await SslProcess.Run("pack", source, "--out", output, "--resolution", "16");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing usable", result.Error);
        Assert.Contains("a/readme.png", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(Path.Combine(output, "manifest.json")));
    }

    [Theory]
    [InlineData("--resolution", "0", "--resolution must be at least 1")]
    [InlineData("--color", "cmyk", "cmyk")]
    [InlineData("--resize", "stretch", "stretch")]
    [InlineData("--shard-mb", "0", "--shard-mb must be at least 1")]
    public async Task Bad_options_are_refused_before_anything_is_written(string option, string value, string expected)
    {
        using var root = new TempFolder();
        var output = Path.Combine(root.Path, "packed");
        string[] args = option == "--resolution"
            ? ["pack", "builtin:20,5", "--out", output, option, value]
            : ["pack", "builtin:20,5", "--out", output, "--resolution", "8", option, value];
        var result = await SslProcess.Run(args);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Output + result.Error);
        Assert.False(Directory.Exists(output));
    }
}
