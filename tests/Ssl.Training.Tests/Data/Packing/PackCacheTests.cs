using SkiaSharp;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;

namespace Ssl.Training.Tests.Data.Packing;

public class PackCacheTests
{
    [Fact]
    public void A_source_is_packed_once_and_reused_until_it_changes()
    {
        using var dir = new TempFolder();
        var src = dir.File("src");
        TestImages.Write(dir.File("src", "a", "1.png"), TestImages.Solid(16, 16, SKColors.Gray));
        TestImages.Write(dir.File("src", "b", "1.png"), TestImages.Solid(16, 16, SKColors.Red));
        var cache = dir.File("cache");

        var first = PackCache.Ensure(src, 8, cacheRoot: cache);
        var written = File.GetLastWriteTimeUtc(Path.Combine(first.OutputDirectory, PackManifest.FileName));
        var again = PackCache.Ensure(src, 8, cacheRoot: cache);
        Assert.Equal(first.OutputDirectory, again.OutputDirectory);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(again.OutputDirectory, PackManifest.FileName)));

        Assert.NotEqual(first.OutputDirectory, PackCache.Ensure(src, 16, cacheRoot: cache).OutputDirectory);
        TestImages.Write(dir.File("src", "b", "2.png"), TestImages.Solid(16, 16, SKColors.Blue));
        var changed = PackCache.Ensure(src, 8, cacheRoot: cache);
        Assert.NotEqual(first.OutputDirectory, changed.OutputDirectory);
        Assert.Equal(3, changed.Taken);
    }

    [Fact]
    public void The_catalog_opens_packed_folders_and_zip_archives()
    {
        using var dir = new TempFolder();
        Packer.Pack("builtin:60,20", dir.File("packed"), 16);
        HostileFiles.Zip(dir.File("upload.zip"),
            ("x/1.png", TestImages.Solid(16, 16, SKColors.Gray)), ("y/1.png", TestImages.Solid(16, 16, SKColors.Red)));

        Assert.Equal(DatasetKind.Packed, DatasetCatalog.Detect(dir.File("packed")));
        Assert.Equal(DatasetKind.Archive, DatasetCatalog.Detect(dir.File("upload.zip")));
        using var packed = DatasetCatalog.Open(dir.File("packed"));
        Assert.Equal([60L, 3, 16, 16], packed.Train.Images.shape);
        using var zipped = DatasetCatalog.Open(dir.File("upload.zip"), 8, new DatasetOptions
        {
            CacheDirectory = dir.File("cache"), TestFraction = 0
        });
        Assert.Equal(["x", "y"], zipped.Train.ClassNames);
        Assert.Equal([2L, 3, 8, 8], zipped.Train.Images.shape);
    }
}
