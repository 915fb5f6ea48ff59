namespace Ssl.Training.Encoders;

/// <summary>Which backbone to build. <see cref="Width"/> is the first stage's channel count
/// (64 is torchvision's ResNet-18; 16 is a narrow net for CPU runs).</summary>
public sealed record EncoderOptions
{
    public string Architecture { get; init; } = "convnet";
    public int InChannels { get; init; } = 3;
    public int Width { get; init; } = 32;
    public ResNetStem Stem { get; init; } = ResNetStem.Cifar;

    public static IReadOnlyList<string> Architectures { get; } = ["convnet", "resnet18"];

    public Encoder Create() => Architecture switch
    {
        "resnet18" => new ResNet18(InChannels, Width, Stem),
        "convnet" => new ConvNet(InChannels, Width),
        _ => throw new ArgumentException(
            $"Unknown encoder '{Architecture}'; expected one of {string.Join(", ", Architectures)}.",
            nameof(Architecture)),
    };
}
