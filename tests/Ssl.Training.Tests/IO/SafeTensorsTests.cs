using Ssl.Training.IO;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.IO;

public sealed class SafeTensorsTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("ssl-st-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Tensors_of_several_dtypes_and_the_metadata_round_trip()
    {
        var path = Path.Combine(dir, "t.safetensors");
        using var bytes = arange(24, dtype: uint8).view(2, 3, 4);
        using var longs = tensor(new long[] { -5, 7, long.MaxValue });
        using var floats = randn(3, 4);
        using var flags = tensor(new[] { true, false });
        SafeTensors.Write(path, [new("a", bytes), new("b", longs), new("c", floats), new("d", flags)],
            new Dictionary<string, string> { ["k"] = "v é" });

        var (read, metadata) = SafeTensors.Read(path);
        Assert.Equal("v é", metadata["k"]);
        Assert.Equal("v é", SafeTensors.ReadMetadata(path)["k"]);
        Assert.Equal([2L, 3, 4], read["a"].shape);
        Assert.Equal(ScalarType.Byte, read["a"].dtype);
        Assert.True(read["a"].eq(bytes).all().item<bool>());
        Assert.Equal([-5L, 7, long.MaxValue], read["b"].data<long>().ToArray());
        Assert.True(read["c"].eq(floats).all().item<bool>());
        Assert.Equal([true, false], read["d"].data<bool>().ToArray());
        foreach (var t in read.Values) t.Dispose();
    }

    [Fact]
    public void Raw_entries_and_tensors_give_the_same_file()
    {
        using var longs = tensor(new long[] { 1, -2, 3 });
        SafeTensors.Write(Path.Combine(dir, "tensor.safetensors"), [new("x", longs)],
            new Dictionary<string, string> { ["m"] = "1" });
        var raw = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new long[] { 1, -2, 3 }.AsSpan()).ToArray();
        SafeTensors.WriteRaw(Path.Combine(dir, "raw.safetensors"), [new SafeTensorsEntry("x", "I64", [3], raw)],
            new Dictionary<string, string> { ["m"] = "1" });
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "tensor.safetensors")),
            File.ReadAllBytes(Path.Combine(dir, "raw.safetensors")));
    }

    [Fact]
    public void The_header_locates_each_tensor_without_reading_the_data()
    {
        var path = Path.Combine(dir, "h.safetensors");
        using var a = zeros(5, dtype: uint8);
        using var b = ones(2, 2);
        SafeTensors.Write(path, [new("a", a), new("b", b)]);
        var header = SafeTensors.ReadHeader(path);
        Assert.Equal(0, header.DataStart % 8); // padded as the reference writer pads
        var b2 = header.Find("b")!;
        Assert.Equal(("F32", 5L, 21L), (b2.DType, b2.Begin, b2.End));
        Assert.Equal([2L, 2], b2.Shape);
        Assert.Equal(header.DataStart + 21, new FileInfo(path).Length);
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_file_and_no_temp_file()
    {
        var path = Path.Combine(dir, "t.safetensors");
        using var good = ones(3);
        SafeTensors.Write(path, [new("x", good)]);
        var before = File.ReadAllBytes(path);

        using var complex = zeros(2, dtype: ScalarType.ComplexFloat32); // no safetensors name
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [new("x", good), new("z", complex)]));
        Assert.Throws<ArgumentException>(
            () => SafeTensors.WriteRaw(path, [new SafeTensorsEntry("x", "I64", [2], new byte[8])]));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir));
    }

    [Fact]
    public void A_file_that_is_not_safetensors_gets_an_error_naming_it()
    {
        var path = Path.Combine(dir, "bad.safetensors");
        File.WriteAllText(path, "hello, world, not a tensor file");
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_header_that_overruns_the_file_is_an_error_naming_it()
    {
        var path = Path.Combine(dir, "bad.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(1000UL), .. "{}"u8]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("header length", e.Message);
    }

    [Fact]
    public void Offsets_that_disagree_with_the_shape_are_an_error()
    {
        var path = Path.Combine(dir, "bad.safetensors");
        var header = """{"x":{"dtype":"I64","shape":[2],"data_offsets":[0,8]}}"""u8.ToArray();
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[8]]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains("needs 16 bytes", e.Message);
    }

    [Fact]
    public void A_file_cut_short_is_an_error_before_any_tensor_is_read()
    {
        var path = Path.Combine(dir, "cut.safetensors");
        using var x = ones(100);
        SafeTensors.Write(path, [new("x", x)]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^40]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains("but the file has", e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error_naming_it()
    {
        var path = Path.Combine(dir, "absent.safetensors");
        var e = Assert.Throws<FileNotFoundException>(() => SafeTensors.Read(path));
        Assert.Contains(path, e.Message);
    }
}
