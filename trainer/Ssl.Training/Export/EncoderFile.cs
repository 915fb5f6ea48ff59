using Ssl.Training.Encoders;
using Ssl.Training.IO;
using Ssl.Training.Loop;
using static TorchSharp.torch;

namespace Ssl.Training.Export;

/// <summary>Reads a backbone from a training checkpoint (<c>model.backbone.*</c>) or from an exported
/// <c>encoder.safetensors</c> (torchvision names, no prefix), and works out its architecture from the weights
/// themselves, so no other file is needed. Every error names the file.</summary>
public static class EncoderFile
{
    /// <summary>The backbone's tensors under their torchvision names (caller disposes), the architecture, and the
    /// file's metadata.</summary>
    public static (Dictionary<string, Tensor> Tensors, EncoderOptions Architecture, Dictionary<string, string> Metadata)
        ReadBackbone(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist.", path);
        Dictionary<string, Tensor> all;
        Dictionary<string, string> metadata;
        try
        {
            (all, metadata) = SafeTensors.Read(path);
        }
        catch (Exception e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException(
                $"{path} is not a readable safetensors checkpoint or encoder: {e.Message}", e);
        }
        var prefix = metadata.GetValueOrDefault("format") == "ssl.cloud.checkpoint" ? "model.backbone." : "";
        var backbone = new Dictionary<string, Tensor>();
        foreach (var (key, tensor) in all)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal)) backbone[key[prefix.Length..]] = tensor;
            else tensor.Dispose();
        }
        try
        {
            return (backbone, Infer(backbone, path), metadata);
        }
        catch
        {
            foreach (var t in backbone.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>The encoder with the file's weights, in eval mode.</summary>
    public static Encoder Load(string path) => Load(path, out _);

    public static Encoder Load(string path, out EncoderOptions architecture)
    {
        (var tensors, architecture, _) = ReadBackbone(path);
        try
        {
            var encoder = architecture.Create();
            Checkpoint.LoadModel(path, encoder, tensors, prefix: "");
            encoder.eval();
            return encoder;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>ResNet-18 (torchvision names; the stem from conv1's kernel: 7 ImageNet, 3 CIFAR) or the ConvNet; the
    /// width and input channels from the first convolution's shape.</summary>
    public static EncoderOptions Infer(IReadOnlyDictionary<string, Tensor> backbone, string path)
    {
        if (backbone.TryGetValue("conv1.weight", out var conv1) && backbone.ContainsKey("layer4.1.bn2.weight"))
        {
            if (backbone.ContainsKey("layer4.2.conv1.weight") || backbone.ContainsKey("layer1.0.conv3.weight"))
                throw new InvalidDataException($"{path} holds a deeper ResNet than ResNet-18 (ResNet-34/50?), "
                    + "which this trainer does not build.");
            return new EncoderOptions
            {
                Architecture = "resnet18", InChannels = (int)conv1.shape[1], Width = (int)conv1.shape[0],
                Stem = conv1.shape[2] == 7 ? ResNetStem.ImageNet : ResNetStem.Cifar
            };
        }
        if (backbone.TryGetValue("features.0.0.weight", out var first) && backbone.ContainsKey("features.3.0.weight"))
            return new EncoderOptions
            {
                Architecture = "convnet", InChannels = (int)first.shape[1], Width = (int)first.shape[0]
            };
        throw new InvalidDataException(backbone.Count == 0
            ? $"{path} has no backbone weights (expected 'model.backbone.*' in a training checkpoint, "
                + "or torchvision names in an exported encoder)."
            : $"{path} holds an encoder of an unknown architecture (first key '{backbone.Keys.Order().First()}'); "
                + "expected ResNet-18 or the ConvNet.");
    }
}
