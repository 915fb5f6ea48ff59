using SkiaSharp;
using Ssl.Training.Data;

namespace Ssl.Training.Tests.Data;

public class DatasetCatalogTests
{
    [Fact]
    public void Builtin_gives_5000_train_and_1000_test_shapes_at_32_pixels()
    {
        using var split = DatasetCatalog.Open("builtin");
        Assert.Equal([5000L, 3, 32, 32], split.Train.Images.shape);
        Assert.Equal(1000, split.Test.Count);
        Assert.Equal(SyntheticShapes.ClassNames, split.Train.ClassNames);
    }

    [Fact]
    public void Builtin_counts_and_resolution_can_be_overridden()
    {
        using var split = DatasetCatalog.Open("builtin:300,40", resolution: 48);
        Assert.Equal([300L, 3, 48, 48], split.Train.Images.shape);
        Assert.Equal(40, split.Test.Count);
        Assert.Throws<DatasetException>(() => DatasetCatalog.Open("builtin:lots"));
    }

    [Fact]
    public void Fashion_mnist_opens_by_name_limited_resized_and_as_rgb()
    {
        using var split = DatasetCatalog.Open("fashion-mnist", resolution: 32,
            new DatasetOptions { TrainLimit = 1000, Color = ColorMode.Rgb });
        Assert.Equal([1000L, 3, 32, 32], split.Train.Images.shape);
        Assert.Equal([10000L, 3, 32, 32], split.Test.Images.shape);
        Assert.Equal("Sneaker", split.Train.ClassNames[7]);
        using var counts = split.Train.Labels!.bincount(null);
        // a random subset, not the first 1000 sorted
        Assert.All(counts.data<long>().ToArray(), c => Assert.InRange(c, 60, 140));
    }

    [Fact]
    public void A_folder_is_recognised_by_its_contents()
    {
        using var idx = new TempFolder();
        IdxReaderTests.WriteSet(idx.Path, "train", [1, 2, 2], new byte[4], [0], gzip: true);
        using var cifar = new TempFolder();
        File.WriteAllBytes(cifar.File("data_batch_1.bin"), new byte[3073]);
        File.WriteAllBytes(cifar.File("test_batch.bin"), new byte[3073]);
        using var images = new TempFolder();

        Assert.Equal(DatasetKind.Idx, DatasetCatalog.Detect(idx.Path));
        Assert.Equal(DatasetKind.Cifar, DatasetCatalog.Detect(cifar.Path));
        Assert.Equal(DatasetKind.ImageFolder, DatasetCatalog.Detect(images.Path));
        Assert.Equal(DatasetKind.Builtin, DatasetCatalog.Detect("builtin:100"));
    }

    [Fact]
    public void The_train_limit_keeps_every_class_of_a_class_sorted_folder()
    {
        using var dir = new TempFolder();
        foreach (var cls in new[] { "a", "b", "c" })
            for (var i = 0; i < 30; i++)
                TestImages.Write(dir.File("src", cls, $"{i}.png"),
                    TestImages.Solid(8, 8, new SKColor((byte)(8 * i), (byte)cls[0], 0)));

        using var split = DatasetCatalog.Open(dir.File("src"), 8, new DatasetOptions
        {
            TrainLimit = 15, TestFraction = 0, CacheDirectory = dir.File("cache")
        });
        Assert.Equal(15, split.Train.Count);
        Assert.Equal(3, split.Train.Labels!.unique().Item1.numel());
    }

    [Fact]
    public void An_image_folder_is_packed_into_the_cache_once_with_its_bad_files_listed_not_fatal()
    {
        using var dir = new TempFolder();
        for (var i = 0; i < 4; i++)
            TestImages.Write(dir.File("src", "a", $"{i}.png"),
                TestImages.Solid(12, 12, new SKColor((byte)(40 * i), 1, 2)));
        File.WriteAllText(dir.File("src", "a", "broken.png"), "not a png");
        var options = new DatasetOptions { TestFraction = 0, CacheDirectory = dir.File("cache") };

        using var split = DatasetCatalog.Open(dir.File("src"), 8, options);
        var pack = DatasetCatalog.EnsurePacked(dir.File("src"), 8, options);

        Assert.Equal([4L, 3, 8, 8], split.Train.Images.shape);
        Assert.StartsWith(Path.Combine(dir.Path, "cache"), pack.OutputDirectory);
        Assert.Equal("a/broken.png", Assert.Single(pack.Manifest.Rejected).Path);
        Assert.Single(Directory.GetDirectories(dir.File("cache"))); // the second call found the first pack
    }

    [Fact]
    public void A_missing_path_is_an_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dataset-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.Open(path));
        Assert.Contains(path, e.Message);
    }
}
