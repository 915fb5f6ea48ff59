using SkiaSharp;
using Ssl.Training.Data.Packing;

namespace Ssl.Training.Tests.Data.Packing;

/// <summary>A folder pack reports its plan and progress after every shard, and a pack continued from one of those
/// reports, on a machine that holds only the files still to decode, writes the remaining shards byte for byte as the
/// whole pack did.</summary>
public class PackerResumeTests
{
    const int Resolution = 8;

    [Fact]
    public void A_pack_continued_from_a_mid_way_report_without_the_files_before_it_writes_the_same_shards()
    {
        using var dir = new TempFolder();
        for (var i = 0; i < 40; i++)
            TestImages.Write(dir.File("src", i % 2 == 0 ? "ant" : "bee", $"{i:D2}.png"),
                TestImages.Solid(12, 12, new SKColor((byte)(i * 6), (byte)(255 - i * 6), 90)));
        var reports = new List<(PackPlan Plan, PackProgress Progress, PackedShard Shard)>();
        var options = new PackOptions
        {
            ShardBytes = 3 * Resolution * Resolution * 6, TestFraction = 0.25,
            OnShard = (plan, progress, shard) => reports.Add((plan, progress, shard)),
        };

        var whole = Packer.Pack(dir.File("src"), dir.File("whole"), Resolution, options);
        var wholeShards = whole.Manifest.Train.Shards.Concat(whole.Manifest.Test.Shards).ToList();
        Assert.Equal(wholeShards, reports.Select(r => r.Shard));
        Assert.True(wholeShards.Count >= 6, $"{wholeShards.Count} shards");

        var (plan, progress, _) = reports[reports.Count / 2];
        foreach (var file in plan.Files.Skip(progress.Position))
            TestImages.Write(dir.File("rest", file.Path), File.ReadAllBytes(dir.File("src", file.Path)));
        Assert.True(plan.Files.Count - progress.Position < 40 / 2 + 6, "the files still to decode are about half");
        var continued = Packer.Pack(dir.File("rest"), dir.File("continued"), Resolution,
            options with { OnShard = null, Resume = (plan, progress) });

        var before = progress.Train.Shards.Concat(progress.Test.Shards).Select(s => s.File).ToHashSet();
        Assert.NotEmpty(before);
        Assert.Equal(wholeShards, continued.Manifest.Train.Shards.Concat(continued.Manifest.Test.Shards));
        foreach (var shard in wholeShards.Where(s => !before.Contains(s.File)))
            Assert.Equal(File.ReadAllBytes(dir.File("whole", shard.File)),
                File.ReadAllBytes(dir.File("continued", shard.File)));
        Assert.All(before, f => Assert.False(File.Exists(dir.File("continued", f)), $"{f} was written again"));
        Assert.Equal((whole.Manifest.Train.Count, whole.Manifest.Test.Count, whole.Manifest.SourceHash),
            (continued.Manifest.Train.Count, continued.Manifest.Test.Count, continued.Manifest.SourceHash));
        Assert.Equal(whole.Manifest.Train.CountsPerClass, continued.Manifest.Train.CountsPerClass);
        Assert.Equal(whole.Manifest.Rejected, continued.Manifest.Rejected);
    }

    [Fact]
    public void A_pack_continued_without_a_file_it_still_needs_fails_naming_the_file()
    {
        using var dir = new TempFolder();
        for (var i = 0; i < 6; i++)
            TestImages.Write(dir.File("src", "ant", $"{i}.png"), TestImages.Solid(12, 12, new SKColor((byte)i, 0, 0)));
        (PackPlan Plan, PackProgress Progress)? first = null;
        Packer.Pack(dir.File("src"), dir.File("whole"), Resolution, new PackOptions
        {
            ShardBytes = 3 * Resolution * Resolution * 2, TestFraction = 0,
            OnShard = (plan, progress, _) => first ??= (plan, progress),
        });
        Directory.CreateDirectory(dir.File("empty"));

        var e = Assert.Throws<Ssl.Training.Data.DatasetException>(() => Packer.Pack(dir.File("empty"),
            dir.File("continued"), Resolution, new PackOptions { Resume = first }));
        Assert.Contains(first!.Value.Plan.Files[first.Value.Progress.Position].Path, e.Message);
    }
}
