using System.Diagnostics;
using Ssl.Training.Data.Packing;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Data.Packing;

public class PackedShardPythonTests
{
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
            print(tuple(images.shape), int(images.long().sum()), labels.tolist(),
                  json.loads(meta["class_names"])[2], meta["resolution"])
            """;
        var output = RunPython(script, shard);
        var expectedSum = split.Train.Images.to(int64).sum().item<long>();
        var labels = string.Join(", ", split.Train.Labels!.data<long>().ToArray());
        Assert.Equal($"(40, 3, 16, 16) {expectedSum} [{labels}] triangle 16", output.Trim());
    }

    static string RunPython(string script, string argument)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true, RedirectStandardError = true
        };
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
