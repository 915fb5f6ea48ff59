using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ssl.Training.Encoders;
using Ssl.Training.Export;
using Ssl.Training.IO;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Export;

/// <summary>Runs Debian's /usr/bin/python3 with python3-torch and python3-torchvision (tests/run-all.sh installs
/// them).</summary>
public class BackboneExportTests
{
    const string Python = "/usr/bin/python3";

    static string Script([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "load_in_torchvision.py");

    /// <summary>A training checkpoint of a ResNet-18 whose BN running statistics are not the defaults, with a fake
    /// method's extra tensors next to the backbone, and the eval-mode output of the C# encoder on a fixed
    /// input.</summary>
    static (string Checkpoint, string Io) Prepare(ResNetStem stem, int side)
    {
        var dir = Directory.CreateTempSubdirectory("ssl-export-").FullName;
        manual_seed(11);
        using var encoder = new ResNet18(3, 64, stem);
        using (no_grad())
        {
            encoder.train();
            using var warm = randn(4, 3, side, side);
            for (var i = 0; i < 2; i++) encoder.call(warm).Dispose();
        }
        encoder.eval();
        using var input = randn(2, 3, side, side, generator: new Generator(12));
        using var output = encoder.call(input);
        var checkpoint = Path.Combine(dir, "epoch-0001.ckpt");
        var tensors = encoder.state_dict().Select(
            kv => new KeyValuePair<string, Tensor>("model.backbone." + kv.Key, kv.Value)).ToList();
        using var projector = ones(8, 512);
        tensors.Add(new("model.projector.0.weight", projector));
        SafeTensors.Write(checkpoint, tensors, new Dictionary<string, string>
        {
            ["format"] = "ssl.cloud.checkpoint", ["formatVersion"] = "1", ["method"] = "simsiam"
        });
        var io = Path.Combine(dir, "io.safetensors");
        SafeTensors.Write(io, [new("input", input), new("output", output)]);
        return (checkpoint, io);
    }

    static void AssertTorchvisionMatches(string encoder, string io, string stem)
    {
        using var process = Process.Start(
            new ProcessStartInfo(Python, [Script(), encoder, io, stem]) { RedirectStandardOutput = true,
                RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0,
            $"{Python} {Script()} exited {process.ExitCode} (needs python3-torch and " +
            $"python3-torchvision):\n{stdout.Result}\n{stderr}");
        Assert.StartsWith("max abs diff", stdout.Result);
    }

    [Theory]
    [InlineData(".pt")]
    [InlineData(".safetensors")]
    public void An_exported_imagenet_stem_resnet18_loads_into_torchvision_and_gives_the_same_features(string extension)
    {
        var (checkpoint, io) = Prepare(ResNetStem.ImageNet, 64);
        var encoder = Path.Combine(Path.GetDirectoryName(checkpoint)!, "encoder" + extension);
        Assert.Contains("resnet18 (width 64, ImageNet stem)", BackboneExport.Backbone(checkpoint, encoder));
        AssertTorchvisionMatches(encoder, io, "imagenet");
    }

    [Fact]
    public void An_exported_cifar_stem_resnet18_loads_into_torchvision_with_conv1_and_maxpool_patched()
    {
        var (checkpoint, io) = Prepare(ResNetStem.Cifar, 32);
        var encoder = Path.Combine(Path.GetDirectoryName(checkpoint)!, "encoder.pt");
        BackboneExport.Backbone(checkpoint, encoder);
        AssertTorchvisionMatches(encoder, io, "cifar");
    }

    [Fact]
    public void The_export_has_torchvision_names_only()
    {
        var (checkpoint, _) = Prepare(ResNetStem.ImageNet, 64);
        var encoder = Path.Combine(Path.GetDirectoryName(checkpoint)!, "encoder.safetensors");
        BackboneExport.Backbone(checkpoint, encoder);
        var (tensors, metadata) = SafeTensors.Read(encoder);
        Assert.Contains("layer4.1.bn2.running_var", tensors.Keys);
        Assert.Contains("bn1.num_batches_tracked", tensors.Keys);
        Assert.DoesNotContain(tensors.Keys,
            k => k.StartsWith("backbone.") || k.StartsWith("projector.") || k.StartsWith("fc."));
        Assert.Equal("resnet18", metadata["architecture"]);
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Fact]
    public void A_reloaded_export_gives_the_same_encoder_architecture_and_output()
    {
        var (checkpoint, io) = Prepare(ResNetStem.Cifar, 32);
        var exported = Path.Combine(Path.GetDirectoryName(checkpoint)!, "encoder.safetensors");
        BackboneExport.Backbone(checkpoint, exported);
        using var encoder = EncoderFile.Load(exported);
        var (tensors, _) = SafeTensors.Read(io);
        using var y = encoder.call(tensors["input"]);
        Assert.True(y.allclose(tensors["output"], rtol: 0, atol: 1e-5));
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Fact]
    public void A_file_that_is_not_an_encoder_is_rejected_with_its_path()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ssl-export-").FullName, "other.safetensors");
        using var w = ones(3, 3);
        SafeTensors.Write(path, [new("mlp.weight", w)]);
        var e = Assert.Throws<InvalidDataException>(() => EncoderFile.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("unknown architecture", e.Message);
        var garbage = path + ".ckpt";
        File.WriteAllText(garbage, "not a checkpoint");
        Assert.Contains(garbage, Assert.Throws<InvalidDataException>(() => EncoderFile.Load(garbage)).Message);
        Assert.Contains("missing.ckpt",
            Assert.Throws<FileNotFoundException>(() => EncoderFile.Load(path + "missing.ckpt")).Message);
    }
}
