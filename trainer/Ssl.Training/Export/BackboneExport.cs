using Ssl.Training.IO;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Ssl.Training.Export;

/// <summary>Exports the backbone of a checkpoint with torchvision's key names (the method's <c>backbone.</c> prefix
/// stripped; heads, predictor and target networks dropped):
/// <c>.safetensors</c> (with the architecture in its metadata) or <c>.pt</c> (PyTorch pickle of the state dict, via
/// TorchSharp.PyBridge), so that for a ResNet-18 with the ImageNet stem
/// <c>m = torchvision.models.resnet18(); m.fc = nn.Identity(); m.load_state_dict(torch.load("encoder.pt"))</c> works.
/// The CIFAR stem differs in one place: conv1 is 3x3 stride 1 padding 1 and there is no max-pool, so in PyTorch set
/// <c>m.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False); m.maxpool = nn.Identity()</c> before loading.</summary>
public static class BackboneExport
{
    public static readonly IReadOnlyList<string> Extensions = [".safetensors", ".pt"];

    /// <returns>What was exported (architecture and tensor count), for the command's message.</returns>
    public static string Backbone(string checkpoint, string output)
    {
        var extension = Path.GetExtension(output).ToLowerInvariant();
        if (!Extensions.Contains(extension))
            throw new ArgumentException($"--out '{output}': the extension must be .safetensors or .pt.");
        var (tensors, architecture, metadata) = EncoderFile.ReadBackbone(checkpoint);
        try
        {
            var ordered = tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
            if (extension == ".pt")
                AtomicFile.WriteVia(output, temp =>
                    PyTorchPickler.PickleStateDict(temp, ordered.ToDictionary(kv => kv.Key, kv => kv.Value)));
            else // SafeTensors.Write is itself atomic.
                SafeTensors.Write(output, ordered, new Dictionary<string, string>
                {
                    ["format"] = "ssl.cloud.encoder",
                    ["architecture"] = architecture.Architecture,
                    ["width"] = architecture.Width.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["in_channels"] =
                        architecture.InChannels.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["stem"] = architecture.Architecture == "resnet18"
                        ? architecture.Stem.ToString().ToLowerInvariant()
                        : "",
                    ["method"] = metadata.GetValueOrDefault("method") ?? "",
                });
            return $"{architecture.Architecture} (width {architecture.Width}"
                + $"{(architecture.Architecture == "resnet18" ? $", {architecture.Stem} stem" : "")}), "
                + $"{tensors.Count} tensors";
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
