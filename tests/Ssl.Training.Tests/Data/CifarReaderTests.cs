using Ssl.Training.Data;

namespace Ssl.Training.Tests.Data;

public class CifarReaderTests
{
    [Fact]
    public void Cifar10_batches_written_in_the_binary_layout_read_back_exactly()
    {
        using var dir = new TempFolder();
        var root = Path.Combine(dir.Path, "cifar-10-batches-bin"); // as the archive unpacks
        var rng = new Random(7);
        var records = Enumerable.Range(0, 7).Select(i => Record(rng, [(byte)(i % 10)])).ToList();
        Write(Path.Combine(root, "data_batch_1.bin"), records[..3]);
        Write(Path.Combine(root, "data_batch_2.bin"), records[3..5]);
        Write(Path.Combine(root, "test_batch.bin"), records[5..]);
        File.WriteAllText(Path.Combine(root, "batches.meta.txt"),
            string.Join("\n", Enumerable.Range(0, 10).Select(i => $"thing{i}")) + "\n\n");

        Assert.True(CifarReader.IsCifarFolder(dir.Path));
        using var split = CifarReader.Read(dir.Path);
        Assert.Equal([5L, 3, 32, 32], split.Train.Images.shape);
        Assert.Equal(records[..5].SelectMany(r => r[1..]).ToArray(), split.Train.Images.data<byte>().ToArray());
        Assert.Equal([0L, 1, 2, 3, 4], split.Train.Labels!.data<long>().ToArray());
        Assert.Equal(records[5..].SelectMany(r => r[1..]).ToArray(), split.Test.Images.data<byte>().ToArray());
        Assert.Equal(10, split.Train.ClassNames.Count);
        Assert.Equal("thing3", split.Train.ClassNames[3]);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void Cifar100_records_give_fine_or_coarse_labels(bool coarse, int labelByte)
    {
        using var dir = new TempFolder();
        var rng = new Random(3);
        var train = Enumerable.Range(0, 4).Select(i => Record(rng, [(byte)(i + 10), (byte)(i + 50)])).ToList();
        Write(Path.Combine(dir.Path, "train.bin"), train);
        Write(Path.Combine(dir.Path, "test.bin"), [Record(rng, [1, 2])]);
        File.WriteAllLines(Path.Combine(dir.Path, "fine_label_names.txt"),
            Enumerable.Range(0, 100).Select(i => $"fine{i}"));
        File.WriteAllLines(Path.Combine(dir.Path, "coarse_label_names.txt"),
            Enumerable.Range(0, 20).Select(i => $"coarse{i}"));

        using var split = CifarReader.Read(dir.Path, coarseLabels: coarse);
        Assert.Equal(train.Select(r => (long)r[labelByte]).ToArray(), split.Train.Labels!.data<long>().ToArray());
        Assert.Equal(train.SelectMany(r => r[2..]).ToArray(), split.Train.Images.data<byte>().ToArray());
        Assert.Equal(coarse ? 20 : 100, split.Train.ClassNames.Count);
        Assert.Equal(coarse ? "coarse0" : "fine0", split.Train.ClassNames[0]);
    }

    [Fact]
    public void Cifar10_without_a_meta_file_uses_the_standard_names()
    {
        using var dir = new TempFolder();
        var rng = new Random(5);
        Write(Path.Combine(dir.Path, "data_batch_1.bin"), [Record(rng, [9])]);
        Write(Path.Combine(dir.Path, "test_batch.bin"), [Record(rng, [0])]);

        using var split = CifarReader.Read(dir.Path);
        Assert.Equal("truck", split.Train.ClassNames[(int)split.Train.Labels![0].item<long>()]);
    }

    [Fact]
    public void A_truncated_batch_is_an_error_naming_the_file()
    {
        using var dir = new TempFolder();
        var rng = new Random(5);
        var batch = Path.Combine(dir.Path, "data_batch_1.bin");
        Write(batch, [Record(rng, [1]), Record(rng, [2])]);
        Write(Path.Combine(dir.Path, "test_batch.bin"), [Record(rng, [0])]);
        File.WriteAllBytes(batch, File.ReadAllBytes(batch)[..5000]);

        var e = Assert.Throws<DatasetException>(() => CifarReader.Read(dir.Path));
        Assert.Contains(batch, e.Message);
        Assert.Contains("3073-byte", e.Message);
    }

    [Fact]
    public void A_label_beyond_the_class_names_is_an_error_naming_the_file()
    {
        using var dir = new TempFolder();
        var rng = new Random(5);
        var test = Path.Combine(dir.Path, "test_batch.bin");
        Write(Path.Combine(dir.Path, "data_batch_1.bin"), [Record(rng, [1])]);
        Write(test, [Record(rng, [10])]);

        var e = Assert.Throws<DatasetException>(() => CifarReader.Read(dir.Path));
        Assert.Contains(test, e.Message);
        Assert.Contains("label 10", e.Message);
    }

    /// <summary>Label byte(s) then 3072 random pixel bytes.</summary>
    static byte[] Record(Random rng, byte[] labels)
    {
        var pixels = new byte[3072];
        rng.NextBytes(pixels);
        return [.. labels, .. pixels];
    }

    static void Write(string path, IEnumerable<byte[]> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, records.SelectMany(r => r).ToArray());
    }
}
