using Ssl.Training.IO;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.IO;

public class SafeTensorsTests
{
    [Fact]
    public void Tensors_and_metadata_round_trip()
    {
        var path = Path.Combine(Path.GetTempPath(), $"st-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var f = randn(3, 4);
            using var i = tensor(new long[] { 1, -2, 3 });
            using var b = tensor(new byte[] { 0, 255 });
            SafeTensors.Write(path, [new("f", f), new("i", i), new("b", b)], new Dictionary<string, string> { ["k"] = "v" });
            var (t, m) = SafeTensors.Read(path);
            Assert.True(t["f"].eq(f).all().item<bool>());
            Assert.True(t["i"].eq(i).all().item<bool>());
            Assert.Equal(ScalarType.Byte, t["b"].dtype);
            Assert.Equal("v", m["k"]);
            Assert.Equal("v", SafeTensors.ReadMetadata(path)["k"]);
            foreach (var x in t.Values) x.Dispose();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Header_is_padded_to_eight_bytes_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var path = Path.Combine(dir, "a.safetensors");
        using var x = ones(5);
        SafeTensors.Write(path, [new("x", x)]);
        var bytes = File.ReadAllBytes(path);
        var headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 5 * 4, bytes.Length);
        Assert.Single(Directory.GetFiles(dir));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_file_that_is_not_safetensors_gets_an_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.safetensors");
        File.WriteAllText(path, "hello, world, not a tensor file");
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains(path, e.Message);
        File.Delete(path);
    }
}
