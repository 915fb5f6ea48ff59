using System.Buffers.Binary;
using System.IO.Compression;
using Ssl.Training.Data;

namespace Ssl.Training.Tests.Data;

public class IdxReaderTests
{
    [Fact]
    public void Fashion_mnist_from_the_debian_package_has_60000_train_and_10000_test_images_with_clothing_names()
    {
        using var split = IdxReader.Read(DatasetCatalog.FashionMnistFolder);
        Assert.Equal([60000L, 1, 28, 28], split.Train.Images.shape);
        Assert.Equal([10000L, 1, 28, 28], split.Test.Images.shape);
        Assert.Equal("Ankle boot", split.Train.ClassNames[9]);
        Assert.Equal("T-shirt/top", split.Test.ClassNames[0]);
        using var counts = split.Train.Labels!.bincount(null);
        Assert.All(counts.data<long>().ToArray(), c => Assert.Equal(6000, c));
        // Fashion-MNIST's mean is 72.9
        Assert.InRange(split.Train.Images.to(TorchSharp.torch.float32).mean().item<float>(), 60f, 85f);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Files_the_test_writes_read_back_exactly_with_digit_names(bool gzip)
    {
        using var dir = new TempFolder();
        var pixels = Enumerable.Range(0, 5 * 4 * 3).Select(i => (byte)(i * 3)).ToArray();
        WriteSet(dir.Path, "train", [5, 4, 3], pixels, [0, 1, 2, 9, 4], gzip);
        WriteSet(dir.Path, "t10k", [1, 4, 3], pixels[..12], [7], gzip);

        using var split = IdxReader.Read(dir.Path);
        Assert.Equal([5L, 1, 4, 3], split.Train.Images.shape);
        Assert.Equal(pixels, split.Train.Images.data<byte>().ToArray());
        Assert.Equal([0L, 1, 2, 9, 4], split.Train.Labels!.data<long>().ToArray());
        Assert.Equal([7L], split.Test.Labels!.data<long>().ToArray());
        Assert.Equal(IdxReader.DigitClassNames, split.Train.ClassNames);
    }

    [Fact]
    public void A_bad_magic_number_is_an_error_naming_the_file()
    {
        using var dir = new TempFolder();
        WriteSet(dir.Path, "train", [2, 2, 2], new byte[8], [0, 1], gzip: false);
        WriteSet(dir.Path, "t10k", [1, 2, 2], new byte[4], [0], gzip: false);
        var bad = Path.Combine(dir.Path, "train-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(bad);
        bytes[2] = 0x0D; // float data, not unsigned bytes
        File.WriteAllBytes(bad, bytes);

        var e = Assert.Throws<DatasetException>(() => IdxReader.Read(dir.Path));
        Assert.Contains(bad, e.Message);
        Assert.Contains("magic", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_image_data_is_an_error_naming_the_file(bool gzip)
    {
        using var dir = new TempFolder();
        WriteSet(dir.Path, "train", [3, 4, 4], new byte[48], [0, 1, 2], gzip, keepBytes: 16 + 30);
        WriteSet(dir.Path, "t10k", [1, 4, 4], new byte[16], [0], gzip);

        var e = Assert.Throws<DatasetException>(() => IdxReader.Read(dir.Path));
        Assert.Contains(Path.Combine(dir.Path, "train-images-idx3-ubyte" + (gzip ? ".gz" : "")), e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_gzip_file_cut_in_half_is_an_error_naming_the_file()
    {
        using var dir = new TempFolder();
        var noise = new Random(1);
        var pixels = new byte[20 * 16 * 16];
        noise.NextBytes(pixels); // incompressible, so half the .gz is half the data
        WriteSet(dir.Path, "train", [20, 16, 16], pixels, new byte[20], gzip: true);
        WriteSet(dir.Path, "t10k", [1, 16, 16], pixels[..256], [0], gzip: true);
        var cut = Path.Combine(dir.Path, "train-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(cut);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<DatasetException>(() => IdxReader.Read(dir.Path));
        Assert.Contains(cut, e.Message);
    }

    [Fact]
    public void A_label_count_that_differs_from_the_image_count_is_an_error()
    {
        using var dir = new TempFolder();
        WriteSet(dir.Path, "train", [3, 2, 2], new byte[12], [0, 1], gzip: false);
        WriteSet(dir.Path, "t10k", [1, 2, 2], new byte[4], [0], gzip: false);

        var e = Assert.Throws<DatasetException>(() => IdxReader.Read(dir.Path));
        Assert.Contains("train-labels-idx1-ubyte", e.Message);
        Assert.Contains("2 labels", e.Message);
    }

    [Fact]
    public void A_missing_test_file_is_an_error_naming_the_folder_and_the_file()
    {
        using var dir = new TempFolder();
        WriteSet(dir.Path, "train", [1, 2, 2], new byte[4], [0], gzip: false);

        var e = Assert.Throws<DatasetException>(() => IdxReader.Read(dir.Path));
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("t10k-images-idx3-ubyte", e.Message);
    }

    /// <summary>Writes <c>{prefix}-images-idx3-ubyte</c> and <c>{prefix}-labels-idx1-ubyte</c>, optionally gzipped,
    /// optionally cutting the image file to <paramref name="keepBytes"/> uncompressed bytes.</summary>
    internal static void WriteSet(string folder, string prefix, int[] dims, byte[] pixels, byte[] labels, bool gzip,
        int? keepBytes = null)
    {
        var images = Idx(dims, pixels);
        Write(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), images[..(keepBytes ?? images.Length)], gzip);
        Write(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), Idx([labels.Length], labels), gzip);
    }

    static byte[] Idx(int[] dims, byte[] data)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = 0x08;
        header[3] = (byte)dims.Length;
        for (var d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), dims[d]);
        return [.. header, .. data];
    }

    static void Write(string path, byte[] bytes, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return;
        }
        using var file = File.Create(path + ".gz");
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }
}
