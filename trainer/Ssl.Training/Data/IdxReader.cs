using System.Buffers.Binary;
using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>Reads MNIST-style IDX files (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-*</c>,
/// optionally gzipped). Format: two zero bytes, a type byte (0x08 = unsigned byte), a dimension count, big-endian
/// int32 sizes, then the raw data (http://yann.lecun.com/exdb/mnist/).</summary>
public static class IdxReader
{
    const byte UnsignedByte = 0x08;

    public static IReadOnlyList<string> FashionMnistClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static IReadOnlyList<string> DigitClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>True when <paramref name="folder"/> holds a training image file in IDX layout.</summary>
    public static bool IsIdxFolder(string folder) => Find(folder, "train", "images", 3) is not null;

    /// <summary>Reads the train and t10k pairs of <paramref name="folder"/>. Class names are Fashion-MNIST's when the
    /// folder's path mentions "fashion", the digits otherwise, unless <paramref name="classNames"/> is given.</summary>
    public static DatasetSplit Read(string folder, IReadOnlyList<string>? classNames = null)
    {
        if (!Directory.Exists(folder)) throw new DatasetException($"{folder}: no such folder");
        classNames ??= Path.GetFullPath(folder).Contains("fashion", StringComparison.OrdinalIgnoreCase)
            ? FashionMnistClassNames
            : DigitClassNames;
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var train = ReadPair(folder, "train", $"{name}/train", classNames);
        try
        {
            return new DatasetSplit(train, ReadPair(folder, "t10k", $"{name}/test", classNames));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    static ImageDataset ReadPair(string folder, string prefix, string name, IReadOnlyList<string> classNames)
    {
        var imagesPath = Find(folder, prefix, "images", 3)
            ?? throw new DatasetException($"{folder}: no {prefix}-images-idx3-ubyte[.gz] file");
        var labelsPath = Find(folder, prefix, "labels", 1)
            ?? throw new DatasetException($"{folder}: no {prefix}-labels-idx1-ubyte[.gz] file");
        var (pixels, dims) = ReadArray(imagesPath, 3);
        var (labelBytes, labelDims) = ReadArray(labelsPath, 1);
        if (labelDims[0] != dims[0])
            throw new DatasetException(
                $"{labelsPath}: has {labelDims[0]} labels but {imagesPath} has {dims[0]} images");
        var labels = new long[labelBytes.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labelBytes[i] >= classNames.Count)
                throw new DatasetException(
                    $"{labelsPath}: label {labelBytes[i]} at index {i} is not below the " +
                    $"class count {classNames.Count}");
            labels[i] = labelBytes[i];
        }
        return new ImageDataset(name, tensor(pixels, [dims[0], 1, dims[1], dims[2]]), tensor(labels), classNames);
    }

    static string? Find(string folder, string prefix, string kind, int rank)
    {
        // MNIST's own names use '-', some mirrors use '.' before "idx".
        foreach (var sep in new[] { '-', '.' })
        foreach (var ext in new[] { "", ".gz" })
        {
            var path = Path.Combine(folder, $"{prefix}-{kind}{sep}idx{rank}-ubyte{ext}");
            if (File.Exists(path)) return path;
        }
        return null;
    }

    /// <summary>Reads an unsigned-byte IDX file of the given rank; returns its data and its sizes.</summary>
    internal static (byte[] Data, int[] Dims) ReadArray(string path, int rank)
    {
        using var stream = BinaryFiles.OpenMaybeGzip(path);
        Span<byte> header = stackalloc byte[4 + 4 * rank];
        BinaryFiles.ReadExactly(stream, header[..4], path, "the IDX magic number");
        if (header[0] != 0 || header[1] != 0 || header[2] != UnsignedByte || header[3] != rank)
            throw new DatasetException(
                $"{path}: bad IDX magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(header):X8}, expected " +
                $"0x{UnsignedByte << 8 | rank:X8} (unsigned bytes, {rank} dimension(s))");
        BinaryFiles.ReadExactly(stream, header[4..], path, "the IDX sizes");
        var dims = new int[rank];
        long total = 1;
        for (var d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * d)..]);
            if (dims[d] <= 0) throw new DatasetException($"{path}: IDX size {d} is {dims[d]}, must be positive");
            total *= dims[d];
            if (total > Array.MaxLength)
                throw new DatasetException($"{path}: IDX sizes [{string.Join(",", dims[..(d + 1)])}] are too large");
        }
        var data = new byte[total];
        BinaryFiles.ReadExactly(stream, data, path, $"data of sizes [{string.Join(",", dims)}]");
        return (data, dims);
    }
}
