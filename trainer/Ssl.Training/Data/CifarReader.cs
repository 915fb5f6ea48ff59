using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>Reads the CIFAR binary versions (https://www.cs.toronto.edu/~kriz/cifar.html). CIFAR-10:
/// <c>data_batch_1..5.bin</c> and <c>test_batch.bin</c>, records of 1 label byte + 3072 pixel bytes (1024 R, 1024 G,
/// 1024 B, row-major 32x32), names in <c>batches.meta.txt</c>. CIFAR-100: <c>train.bin</c> and <c>test.bin</c>,
/// records of a coarse and a fine label byte + 3072 pixel bytes, names in <c>fine_label_names.txt</c> /
/// <c>coarse_label_names.txt</c>.</summary>
public static class CifarReader
{
    const int Side = 32;
    const int PixelBytes = 3 * Side * Side;

    public static IReadOnlyList<string> Cifar10ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>True when <paramref name="folder"/> (or its <c>cifar-10-batches-bin</c> / <c>cifar-100-binary</c>
    /// sub-folder, as the archives unpack) holds CIFAR binary batches.</summary>
    public static bool IsCifarFolder(string folder) => Locate(folder) is not null;

    /// <summary>Reads CIFAR-10 or CIFAR-100 from <paramref name="folder"/>. For CIFAR-100 the labels are the 100 fine
    /// classes unless <paramref name="coarseLabels"/> asks for the 20 super-classes.</summary>
    public static DatasetSplit Read(string folder, bool coarseLabels = false)
    {
        var (root, is100) = Locate(folder) ?? throw new DatasetException(
            $"{folder}: no CIFAR binary batches (data_batch_1.bin + test_batch.bin, or train.bin + test.bin)");
        if (!is100)
        {
            var names = ReadNames(Path.Combine(root, "batches.meta.txt"), Cifar10ClassNames);
            var trainFiles = Enumerable.Range(1, 5).Select(i => Path.Combine(root, $"data_batch_{i}.bin"))
                .Where(File.Exists).ToList();
            var train10 = ReadBatches(trainFiles, 1, 0, names, "cifar-10/train");
            return WithTest(train10,
                () => ReadBatches([Path.Combine(root, "test_batch.bin")], 1, 0, names, "cifar-10/test"));
        }
        var namesFile = coarseLabels ? "coarse_label_names.txt" : "fine_label_names.txt";
        var fallback = Enumerable.Range(0, coarseLabels ? 20 : 100).Select(i => i.ToString()).ToList();
        var names100 = ReadNames(Path.Combine(root, namesFile), fallback);
        var index = coarseLabels ? 0 : 1;
        var train100 = ReadBatches([Path.Combine(root, "train.bin")], 2, index, names100, "cifar-100/train");
        return WithTest(train100,
            () => ReadBatches([Path.Combine(root, "test.bin")], 2, index, names100, "cifar-100/test"));
    }

    static DatasetSplit WithTest(ImageDataset train, Func<ImageDataset> readTest)
    {
        try
        {
            return new DatasetSplit(train, readTest());
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    static (string Root, bool Is100)? Locate(string folder)
    {
        foreach (var root in new[] { folder, Path.Combine(folder, "cifar-10-batches-bin"),
            Path.Combine(folder, "cifar-100-binary") })
        {
            if (File.Exists(Path.Combine(root, "data_batch_1.bin"))
                && File.Exists(Path.Combine(root, "test_batch.bin")))
                return (root, false);
            if (File.Exists(Path.Combine(root, "train.bin")) && File.Exists(Path.Combine(root, "test.bin")))
                return (root, true);
        }
        return null;
    }

    static IReadOnlyList<string> ReadNames(string path, IReadOnlyList<string> fallback) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList()
            : fallback;

    /// <summary>Concatenates the records of <paramref name="files"/>; each record is <paramref name="labelBytes"/>
    /// label
    /// bytes (the one at <paramref name="labelIndex"/> is used) followed by a 3x32x32 image.</summary>
    internal static ImageDataset ReadBatches(IReadOnlyList<string> files, int labelBytes, int labelIndex,
        IReadOnlyList<string> names, string name)
    {
        var recordBytes = labelBytes + PixelBytes;
        var counts = files.Select(f =>
        {
            var length = new FileInfo(f).Length;
            if (length == 0 || length % recordBytes != 0)
                throw new DatasetException(
                    $"{f}: size {length} bytes is not a positive multiple of the {recordBytes}-byte CIFAR record " +
                    $"({labelBytes} label byte(s) + {PixelBytes} pixels); the file is " +
                    $"truncated or not this CIFAR variant");
            return checked((int)(length / recordBytes));
        }).ToList();
        var total = counts.Sum();
        var pixels = new byte[(long)total * PixelBytes];
        var labels = new long[total];
        var record = new byte[recordBytes];
        var n = 0;
        for (var f = 0; f < files.Count; f++)
        {
            using var stream = new FileStream(files[f], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            for (var i = 0; i < counts[f]; i++, n++)
            {
                BinaryFiles.ReadExactly(stream, record, files[f], $"record {i}");
                var label = record[labelIndex];
                if (label >= names.Count)
                    throw new DatasetException(
                        $"{files[f]}: record {i} has label {label}, not below the class count {names.Count}");
                labels[n] = label;
                record.AsSpan(labelBytes).CopyTo(pixels.AsSpan(n * PixelBytes, PixelBytes));
            }
        }
        return new ImageDataset(name, tensor(pixels, [total, 3, Side, Side]), tensor(labels), names);
    }
}
