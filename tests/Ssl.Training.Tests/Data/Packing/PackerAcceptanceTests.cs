using SkiaSharp;
using Ssl.Training.Data.Packing;

namespace Ssl.Training.Tests.Data.Packing;

public class PackerAcceptanceTests
{
    [Fact]
    public void A_folder_of_good_and_hostile_files_packs_the_good_ones_and_names_every_bad_one_with_a_reason()
    {
        using var root = new TempFolder();
        var src = Path.Combine(root.Path, "upload");
        var red = TestImages.Solid(40, 40, new SKColor(220, 20, 20));
        for (var i = 0; i < 6; i++)
        {
            TestImages.Write(Path.Combine(src, "cat", $"cat{i}.png"),
                TestImages.Encode(40, 40, (x, y) => new SKColor((byte)(x * 6), (byte)(y * 6), (byte)i)));
            TestImages.Write(Path.Combine(src, "dog", $"dog{i}.jpg"),
                TestImages.Encode(64, 48, (x, y) => new SKColor((byte)i, (byte)(x * 4), (byte)(y * 5)),
                    SKEncodedImageFormat.Jpeg));
        }
        var jpeg = TestImages.Encode(64, 64, (x, y) => new SKColor((byte)(x * 4), (byte)(y * 4), 7),
            SKEncodedImageFormat.Jpeg);
        TestImages.Write(Path.Combine(src, "dog", "truncated.jpg"), jpeg[..(jpeg.Length / 2)]);
        File.WriteAllText(Path.Combine(src, "cat", "notes.png"), "I am a text file with a .png name");
        TestImages.Write(Path.Combine(src, "cat", "tiny.png"), TestImages.Solid(1, 1, SKColors.Black));
        TestImages.Write(Path.Combine(src, "dog", "bomb.png"), HostileFiles.PngHeaderOnly(30000, 30000));
        TestImages.Write(Path.Combine(src, "cat", "copy-of-cat0.png"),
            File.ReadAllBytes(Path.Combine(src, "cat", "cat0.png")));
        Directory.CreateDirectory(Path.Combine(src, "emu")); // an empty class
        HostileFiles.Zip(Path.Combine(src, "more.zip"),
            ("../escape.png", red),
            ("/absolute.png", red),
            ("cat/zipped.png", TestImages.Solid(32, 32, new SKColor(1, 200, 30))));
        var before = Snapshot(root.Path);
        var outDir = Path.Combine(root.Path, "packed");

        var result = Packer.Pack(src, outDir, 16, new PackOptions { TestFraction = 0 });

        var rejected = result.Manifest.Rejected.ToDictionary(r => r.Path, r => r.Reason);
        Assert.Contains("truncated", rejected["dog/truncated.jpg"]);
        Assert.Contains("not an image", rejected["cat/notes.png"]);
        Assert.Contains("too small", rejected["cat/tiny.png"]);
        Assert.Contains("pixel bomb", rejected["dog/bomb.png"]);
        Assert.Contains("zip slip", rejected["more.zip!../escape.png"]);
        Assert.Contains("zip slip", rejected["more.zip!/absolute.png"]);
        Assert.Contains("duplicate of cat/cat0.png", rejected["cat/copy-of-cat0.png"]);
        Assert.Contains("empty class", rejected["emu/"]);
        Assert.Equal(8, result.RejectedCount);

        Assert.Equal(["cat", "dog"], result.Manifest.ClassNames);
        Assert.Equal(7, result.Manifest.Train.CountsPerClass["cat"]); // six PNGs and the zipped one
        Assert.Equal(6, result.Manifest.Train.CountsPerClass["dog"]);
        Assert.Equal(13, result.Taken);
        Assert.Contains("rejected 8", result.Summary);

        // Nothing outside the output folder was created or changed, and nothing escaped.
        var after = Snapshot(root.Path);
        Assert.Equal(before, after.Where(kv => !kv.Key.StartsWith("packed/")).ToDictionary());
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetTempPath(), "escape.png", SearchOption.TopDirectoryOnly),
            _ => true);
        Assert.All(after.Keys.Where(k => k.StartsWith("packed/")),
            k => Assert.Matches(@"^packed/(manifest\.json|train-\d{5}\.safetensors)$", k));

        using var loaded = PackedDataset.Open(outDir).Load();
        Assert.Equal([13L, 3, 16, 16], loaded.Train.Images.shape);
    }

    static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            p => Path.GetRelativePath(folder, p).Replace('\\', '/'),
            p => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))));
}
