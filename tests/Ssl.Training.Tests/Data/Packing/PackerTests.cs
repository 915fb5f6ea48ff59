using System.IO.Compression;
using SkiaSharp;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
using Ssl.Training.IO;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Data.Packing;

public class PackerTests
{
    [Fact]
    public void A_zip_of_class_folders_packs_like_the_folder_itself()
    {
        using var dir = new TempFolder();
        var zip = dir.File("upload.zip");
        HostileFiles.Zip(zip, Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? $"ant/{i}.png" : $"bee/{i}.jpg",
                TestImages.Solid(24, 24, new SKColor((byte)(i * 20), 50, 90), i % 2 == 0
                    ? SKEncodedImageFormat.Png
                    : SKEncodedImageFormat.Jpeg))).ToArray());

        var result = Packer.Pack(zip, dir.File("out"), 8, new PackOptions { TestFraction = 0.3 });
        Assert.Equal(["ant", "bee"], result.Manifest.ClassNames);
        Assert.Equal(10, result.Taken);
        Assert.Empty(result.Manifest.Rejected);
    }

    [Fact]
    public void An_archive_with_too_many_entries_is_rejected_whole_as_a_zip_bomb()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("src", "a", "ok.png"), TestImages.Solid(16, 16, SKColors.Gray));
        HostileFiles.Zip(dir.File("src", "many.zip"),
            Enumerable.Range(0, 20).Select(i => ($"a/{i}.png", TestImages.Solid(16, 16, new SKColor((byte)i, 0, 0))))
            .ToArray());

        var result = Packer.Pack(dir.File("src"), dir.File("out"), 8,
            new PackOptions { Zip = new ZipLimits { MaxEntries = 10 } });
        Assert.Contains("zip bomb: 20 entries",
            Assert.Single(result.Manifest.Rejected, r => r.Path == "many.zip").Reason);
        Assert.Equal(1, result.Taken);
    }

    [Fact]
    public void An_entry_that_inflates_far_beyond_its_compressed_size_is_rejected_as_a_zip_bomb()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("src", "a", "ok.png"), TestImages.Solid(16, 16, SKColors.Gray));
        HostileFiles.Zip(dir.File("src", "bomb.zip"), ("a/zeros.bmp", new byte[8 << 20]));

        var result = Packer.Pack(dir.File("src"), dir.File("out"), 8);
        Assert.Contains("zip bomb",
            Assert.Single(result.Manifest.Rejected, r => r.Path == "bomb.zip!a/zeros.bmp").Reason);
    }

    [Fact]
    public void Archives_inside_archives_and_files_outside_class_folders_are_rejected_with_reasons()
    {
        using var dir = new TempFolder();
        var png = TestImages.Solid(16, 16, SKColors.Gray);
        TestImages.Write(dir.File("src", "a", "ok.png"), png);
        TestImages.Write(dir.File("src", "stray.png"), TestImages.Solid(16, 16, SKColors.Red));
        HostileFiles.Zip(dir.File("src", "outer.zip"), ("a/inner.zip", [1, 2, 3]));

        var result = Packer.Pack(dir.File("src"), dir.File("out"), 8);
        var reasons = result.Manifest.Rejected.ToDictionary(r => r.Path, r => r.Reason);
        Assert.Contains("not inside a class folder", reasons["stray.png"]);
        Assert.Contains("nested archive", reasons["outer.zip!a/inner.zip"]);
    }

    [Fact]
    public void A_flat_folder_packs_unlabelled_without_a_labels_tensor_and_streams_without_labels()
    {
        using var dir = new TempFolder();
        for (var i = 0; i < 6; i++)
            TestImages.Write(dir.File("src", $"{i}.png"), TestImages.Solid(16, 16, new SKColor((byte)(i * 30), 0, 0)));

        var result = Packer.Pack(dir.File("src"), dir.File("out"), 8, new PackOptions { TestFraction = 0 });
        Assert.Empty(result.Manifest.ClassNames);
        var (tensors, _) = SafeTensors.Read(dir.File("out", "train-00000.safetensors"));
        Assert.Equal(["images"], tensors.Keys);
        tensors["images"].Dispose();
        var batches = PackedDataset.Open(dir.File("out")).Stream(new PackedStreamOptions { BatchSize = 4 }).Epoch(0)
            .ToList();
        Assert.Equal([4L, 2], batches.Select(b => b.Images.shape[0]));
        Assert.All(batches, b => Assert.Null(b.Labels));
        batches.ForEach(b => b.Dispose());
    }

    [Fact]
    public void Nothing_usable_is_an_error_that_names_the_source_and_the_reasons()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("src", "a.png"), "text");
        var e = Assert.Throws<DatasetException>(() => Packer.Pack(dir.File("src"), dir.File("out"), 8));
        Assert.Contains(dir.File("src"), e.Message);
        Assert.Contains("a.png: not an image", e.Message);
        Assert.False(File.Exists(dir.File("out", PackManifest.FileName)));
    }

    [Fact]
    public void Shards_stay_within_the_byte_bound_and_hold_mixed_classes()
    {
        using var dir = new TempFolder();
        var result = Packer.Pack("builtin:500,100", dir.Path, 16, new PackOptions { ShardBytes = 100 * 768 });
        Assert.Equal(5, result.Manifest.Train.Shards.Count);
        Assert.All(result.Manifest.Train.Shards, s => Assert.Equal(100, s.Count));
        var (tensors, metadata) = SafeTensors.Read(Path.Combine(dir.Path, "train-00000.safetensors"));
        Assert.Equal(10, tensors["labels"].unique().Item1.numel());
        Assert.Equal("train", metadata["split"]);
        Assert.Equal(result.Manifest.SourceHash, metadata["source_hash"]);
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Fact]
    public void A_packed_builtin_dataset_loads_back_with_the_same_images_per_class()
    {
        using var dir = new TempFolder();
        Packer.Pack("builtin:300,50", dir.Path, 32);
        using var packed = PackedDataset.Open(dir.Path).Load();
        using var original = SyntheticShapes.Create(300, 50);
        for (var c = 0; c < 10; c++)
        {
            using var scope = NewDisposeScope();
            var a = original.Train.Images[original.Train.Labels!.eq(c)].to(int64).sum().item<long>();
            var b = packed.Train.Images[packed.Train.Labels!.eq(c)].to(int64).sum().item<long>();
            Assert.Equal(a, b);
        }
        Assert.Equal(50, packed.Test.Count);
    }

    [Fact]
    public void Fashion_mnist_packs_as_one_channel_with_its_class_names()
    {
        using var dir = new TempFolder();
        var result = Packer.Pack("fashion-mnist", dir.Path, 28,
            new PackOptions { Dataset = new DatasetOptions { TrainLimit = 2000 } });
        Assert.Equal(1, result.Manifest.Channels);
        Assert.Equal(2000, result.Manifest.Train.Count);
        Assert.Equal(10000, result.Manifest.Test.Count);
        Assert.Equal("Bag", result.Manifest.ClassNames[8]);
        using var split = PackedDataset.Open(dir.Path).Load();
        Assert.Equal([2000L, 1, 28, 28], split.Train.Images.shape);
    }

    [Fact]
    public void A_cifar_file_the_test_writes_packs_and_loads_back_exactly()
    {
        using var dir = new TempFolder();
        var rng = new Random(2);
        var records = Enumerable.Range(0, 6).Select(
            i => { var r = new byte[3073]; rng.NextBytes(r); r[0] = (byte)i; return r; }).ToArray();
        File.WriteAllBytes(dir.File("cifar", "data_batch_1.bin"), records[..4].SelectMany(r => r).ToArray());
        File.WriteAllBytes(dir.File("cifar", "test_batch.bin"), records[4..].SelectMany(r => r).ToArray());

        Packer.Pack(dir.File("cifar"), dir.File("out"), 32);
        using var split = PackedDataset.Open(dir.File("out")).Load();
        var labels = split.Train.Labels!.data<long>().ToArray();
        var pixels = split.Train.Images.data<byte>().ToArray();
        for (var i = 0; i < 4; i++)
            Assert.Equal(records[labels[i]][1..], pixels[(i * 3072)..((i + 1) * 3072)]);
    }

    [Fact]
    public void Repacking_into_the_same_folder_removes_its_stale_shards_but_nothing_else()
    {
        using var dir = new TempFolder();
        Packer.Pack("builtin:400,10", dir.Path, 16, new PackOptions { ShardBytes = 100 * 768 });
        File.WriteAllText(dir.File("model.safetensors"), "someone else's file");
        var result = Packer.Pack("builtin:100,10", dir.Path, 16, new PackOptions { ShardBytes = 100 * 768 });

        Assert.Single(result.Manifest.Train.Shards);
        Assert.False(File.Exists(dir.File("train-00001.safetensors")));
        Assert.True(File.Exists(dir.File("model.safetensors")));
    }

    [Fact]
    public void An_output_folder_inside_the_source_is_refused()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("a", "x.png"), TestImages.Solid(16, 16, SKColors.Gray));
        var e = Assert.Throws<DatasetException>(() => Packer.Pack(dir.Path, dir.File("packed"), 8));
        Assert.Contains("inside the source", e.Message);
    }
}
