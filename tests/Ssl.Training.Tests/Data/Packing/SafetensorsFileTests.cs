using System.Diagnostics;
using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Data.Packing;

public class SafetensorsFileTests
{
    [Fact]
    public void Tensors_of_several_dtypes_and_the_metadata_round_trip()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.safetensors");
        using var bytes = arange(24, dtype: uint8).view(2, 3, 4);
        using var longs = tensor(new long[] { -5, 7, long.MaxValue });
        using var floats = tensor(new[] { 1.5f, -2.25f });
        SafetensorsFile.Write(path, [new("a", bytes), new("b", longs), new("c", floats)], new Dictionary<string, string> { ["k"] = "v é" });

        var (read, metadata) = SafetensorsFile.Read(path);
        Assert.Equal("v é", metadata["k"]);
        Assert.Equal([2L, 3, 4], read["a"].shape);
        Assert.True(read["a"].eq(bytes).all().item<bool>());
        Assert.Equal([-5L, 7, long.MaxValue], read["b"].data<long>().ToArray());
        Assert.Equal([1.5f, -2.25f], read["c"].data<float>().ToArray());
        Assert.Equal(0, (new FileInfo(path).Length - 8 - (long)BitConverter.ToUInt64(File.ReadAllBytes(path), 0) - 24 - 24 - 8));
        foreach (var t in read.Values) t.Dispose();
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_file_and_no_temp_file()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.safetensors");
        using var good = ones(3);
        SafetensorsFile.Write(path, [new("x", good)]);
        var before = File.ReadAllBytes(path);

        using var complex = zeros(2, dtype: ScalarType.ComplexFloat32); // no safetensors name
        Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(path, [new("x", good), new("z", complex)]));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_header_that_overruns_the_file_is_an_error_naming_it()
    {
        using var dir = new TempFolder();
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(1000UL), .. "{}"u8]);
        var e = Assert.Throws<DatasetException>(() => SafetensorsFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("header length", e.Message);
    }

    [Fact]
    public void Offsets_that_disagree_with_the_shape_are_an_error()
    {
        using var dir = new TempFolder();
        var path = dir.File("bad.safetensors");
        var header = """{"x":{"dtype":"I64","shape":[2],"data_offsets":[0,8]}}"""u8.ToArray();
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[8]]);
        var e = Assert.Throws<DatasetException>(() => SafetensorsFile.Read(path));
        Assert.Contains("needs 16 bytes", e.Message);
    }

    [Fact]
    public void Debian_python_reads_a_packed_shard_with_json_struct_and_torch_frombuffer()
    {
        using var dir = new TempFolder();
        var result = Packer.Pack("builtin:40,10", dir.Path, 16);
        using var split = PackedDataset.Open(dir.Path).Load();
        var shard = Path.Combine(dir.Path, result.Manifest.Train.Shards[0].File);
        var script = """
            import json, struct, sys, torch
            raw = open(sys.argv[1], "rb").read()
            (n,) = struct.unpack("<Q", raw[:8])
            header = json.loads(raw[8:8 + n])
            meta = header.pop("__metadata__")
            def load(name, dtype):
                e = header[name]
                a, b = e["data_offsets"]
                return torch.frombuffer(bytearray(raw[8 + n + a:8 + n + b]), dtype=dtype).reshape(e["shape"])
            images, labels = load("images", torch.uint8), load("labels", torch.int64)
            print(tuple(images.shape), int(images.long().sum()), labels.tolist(), json.loads(meta["class_names"])[2], meta["resolution"])
            """;
        var output = RunPython(script, shard);
        var expectedSum = split.Train.Images.to(int64).sum().item<long>();
        var labels = string.Join(", ", split.Train.Labels!.data<long>().ToArray());
        Assert.Equal($"(40, 3, 16, 16) {expectedSum} [{labels}] triangle 16", output.Trim());
    }

    static string RunPython(string script, string argument)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "python did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"python failed: {stderr}");
        return stdout.Result;
    }
}
