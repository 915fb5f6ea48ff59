using Ssl.Cloud.Trainer.Tests.Fixtures;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Commands;

public class TrainDatasetTests
{
    [Theory]
    [InlineData("cifar", "3 x 32 x 32")]
    [InlineData("idx", "1 x 28 x 28")]
    [InlineData("images", "3 x 32 x 32")]
    [InlineData("zip", "3 x 32 x 32")]
    [InlineData("packed", "3 x 24 x 24")]
    [InlineData("unlabelled", "3 x 32 x 32")]
    public async Task Train_accepts_every_dataset_format_and_packs_image_sources_into_the_cache(string format,
        string shape)
    {
        using var root = new TempFolder();
        var cache = Path.Combine(root.Path, "cache");
        var dataset = Path.Combine(root.Path, format);
        switch (format)
        {
            case "cifar": RawDatasets.Cifar10(dataset, 48, 16); break;
            case "idx": RawDatasets.Idx(dataset, 48, 16); break;
            case "images": Uploads.Good(dataset, perClass: 20); break;
            case "zip":
                Uploads.Good(Path.Combine(root.Path, "zipped"), perClass: 20);
                System.IO.Compression.ZipFile.CreateFromDirectory(Path.Combine(root.Path, "zipped"), dataset += ".zip");
                break;
            case "unlabelled": // one folder of images, no class folders: trains, and says why there are no probes
                Uploads.Good(Path.Combine(root.Path, "src"), perClass: 20);
                Directory.CreateDirectory(dataset);
                foreach (var file in Directory.EnumerateFiles(Path.Combine(root.Path, "src"), "*.*",
                             SearchOption.AllDirectories))
                    File.Copy(file, Path.Combine(dataset, Path.GetFileName(file)));
                break;
            case "packed":
                Uploads.Good(Path.Combine(root.Path, "src"), perClass: 20);
                Assert.Equal(0,
                    (await SslProcess.Run("pack", Path.Combine(root.Path, "src"), "--out", dataset, "--resolution",
                            "24")).ExitCode);
                break;
        }

        var runs = Path.Combine(root.Path, "runs");
        var result = await SslProcess.RunWith(new Dictionary<string, string> { ["SSL_CACHE"] = cache },
            TinyRun.Args(dataset, runs, "run"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Output}\n{result.Error}");
        var report = File.ReadAllText(Path.Combine(runs, "run", "report.json"));
        var packedIntoCache = format is "images" or "zip" or "unlabelled";
        Assert.Equal(packedIntoCache,
            Directory.Exists(cache)
            && Directory.EnumerateFiles(cache, "manifest.json", SearchOption.AllDirectories).Any());
        if (packedIntoCache) Assert.Contains("packed 40 images", result.Output);
        using var doc = System.Text.Json.JsonDocument.Parse(report);
        Assert.Equal("succeeded", doc.RootElement.GetProperty("status").GetString());
        var d = doc.RootElement.GetProperty("dataset");
        Assert.Equal(shape, $"{d.GetProperty("channels")} x {d.GetProperty("height")} x {d.GetProperty("width")}");
        var labelled = format != "unlabelled";
        Assert.Equal(labelled, doc.RootElement.TryGetProperty("probes", out var probes)
            && probes.ValueKind == System.Text.Json.JsonValueKind.Object);
        Assert.Equal(!labelled, result.Output.Contains(Ssl.Training.Reports.MarkdownReport.NoLabels));
        Assert.Equal(!labelled,
            File.ReadAllText(Path.Combine(runs, "run", "report.md")).Contains("No probes: the images have no class"));
    }
}
