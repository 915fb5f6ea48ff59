namespace Ssl.Cloud.Core.Submission;

/// <summary>What the trainer accepts, for code that must not load TorchSharp (the Function app). The trainer's
/// own registries are the truth; a test in Ssl.Cloud.Trainer.Tests fails when this list and they differ.</summary>
public static class TrainerCatalog
{
    /// <summary>Names in the trainer's method registry (<c>ssl methods</c>).</summary>
    public static IReadOnlyList<string> Methods { get; } =
        ["simsiam", "byol", "barlow-twins", "simclr", "swav", "vicreg", "mocov3", "dino"];

    /// <summary>Encoder architectures the trainer builds.</summary>
    public static IReadOnlyList<string> Encoders { get; } = ["convnet", "resnet18"];

    /// <summary>The trainer's default epochs, used when a request names neither epochs nor a time budget.</summary>
    public const int DefaultEpochs = 20;

    /// <summary>The trainer's default batch size.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>The run setting that sets the encoder's width; a warm start must keep it.</summary>
    public const string Width = "width";
}
