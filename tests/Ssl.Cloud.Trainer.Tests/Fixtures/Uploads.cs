using SkiaSharp;
using Ssl.Training.Tests.Data;
using Ssl.Training.Tests.Data.Packing;

namespace Ssl.Cloud.Trainer.Tests.Fixtures;

/// <summary>Source folders the CLI tests pack and train on.</summary>
static class Uploads
{
    /// <summary>Issue 5's acceptance folder: good images in two classes, plus a truncated JPEG, a text file named
    /// .png, a 1x1 image, a PNG header declaring 30000x30000, and a zip with a <c>../escape.png</c> entry.</summary>
    public static IReadOnlyDictionary<string, string> Hostile(string folder)
    {
        Good(folder, perClass: 6);
        var jpeg = TestImages.Encode(64, 64, (x, y) => new SKColor((byte)(x * 4), (byte)(y * 4), 7),
            SKEncodedImageFormat.Jpeg);
        TestImages.Write(Path.Combine(folder, "dog", "truncated.jpg"), jpeg[..(jpeg.Length / 2)]);
        File.WriteAllText(Path.Combine(folder, "cat", "notes.png"), "I am a text file with a .png name");
        TestImages.Write(Path.Combine(folder, "cat", "tiny.png"), TestImages.Solid(1, 1, SKColors.Black));
        TestImages.Write(Path.Combine(folder, "dog", "bomb.png"), HostileFiles.PngHeaderOnly(30000, 30000));
        HostileFiles.Zip(Path.Combine(folder, "more.zip"),
            ("../escape.png", TestImages.Solid(40, 40, new SKColor(220, 20, 20))),
            ("cat/zipped.png", TestImages.Solid(32, 32, new SKColor(1, 200, 30))));
        // Each bad file and the words its reason must contain.
        return new Dictionary<string, string>
        {
            ["dog/truncated.jpg"] = "truncated",
            ["cat/notes.png"] = "not an image",
            ["cat/tiny.png"] = "too small",
            ["dog/bomb.png"] = "pixel bomb",
            ["more.zip!../escape.png"] = "zip slip",
        };
    }

    /// <summary>Two classes of distinct, decodable images (PNG cats, JPEG dogs).</summary>
    public static void Good(string folder, int perClass)
    {
        for (var i = 0; i < perClass; i++)
        {
            TestImages.Write(Path.Combine(folder, "cat", $"cat{i}.png"),
                TestImages.Encode(40, 40, (x, y) => new SKColor((byte)(x * 6), (byte)(y * 6), (byte)(i * 9))));
            TestImages.Write(Path.Combine(folder, "dog", $"dog{i}.jpg"),
                TestImages.Encode(64, 48, (x, y) => new SKColor((byte)(i * 9), (byte)(x * 4), (byte)(y * 5)),
                    SKEncodedImageFormat.Jpeg));
        }
    }

    /// <summary>SHA-256 of every file under <paramref name="folder"/> by relative path, to prove nothing else
    /// changed.</summary>
    public static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            p => Path.GetRelativePath(folder, p).Replace('\\', '/'),
            p => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(p))));
}
