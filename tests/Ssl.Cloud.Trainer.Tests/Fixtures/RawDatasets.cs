using System.Buffers.Binary;

namespace Ssl.Cloud.Trainer.Tests.Fixtures;

/// <summary>Datasets written byte by byte in the published layouts, with noise pixels and cycling labels.</summary>
static class RawDatasets
{
    /// <summary>CIFAR-10 binary: <c>data_batch_1.bin</c> and <c>test_batch.bin</c>, records of a label byte and
    /// 3072 pixel bytes (1024 R, 1024 G, 1024 B).</summary>
    public static void Cifar10(string folder, int train, int test)
    {
        Directory.CreateDirectory(folder);
        var rng = new Random(1);
        File.WriteAllBytes(Path.Combine(folder, "data_batch_1.bin"), Records(rng, train, 1, 3072));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), Records(rng, test, 1, 3072));
    }

    /// <summary>MNIST IDX: <c>{train,t10k}-{images-idx3,labels-idx1}-ubyte</c> with big-endian headers,
    /// 28x28.</summary>
    public static void Idx(string folder, int train, int test)
    {
        Directory.CreateDirectory(folder);
        var rng = new Random(2);
        foreach (var (set, count) in new[] { ("train", train), ("t10k", test) })
        {
            var pixels = new byte[count * 28 * 28];
            rng.NextBytes(pixels);
            File.WriteAllBytes(Path.Combine(folder, $"{set}-images-idx3-ubyte"),
                [.. Header(0x803, count, 28, 28), .. pixels]);
            File.WriteAllBytes(Path.Combine(folder, $"{set}-labels-idx1-ubyte"),
                [.. Header(0x801, count), .. Enumerable.Range(0, count).Select(i => (byte)(i % 10))]);
        }
    }

    static byte[] Records(Random rng, int count, int labelBytes, int pixelBytes)
    {
        var bytes = new byte[count * (labelBytes + pixelBytes)];
        rng.NextBytes(bytes);
        for (var i = 0; i < count; i++) bytes[i * (labelBytes + pixelBytes)] = (byte)(i % 10);
        return bytes;
    }

    static byte[] Header(int magic, params int[] dims)
    {
        var header = new byte[4 * (1 + dims.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * (i + 1)), dims[i]);
        return header;
    }
}
