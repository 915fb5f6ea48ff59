using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using Ssl.Training.Runs;

namespace Ssl.Training.Tests.Support;

/// <summary>Small heads for every registered method, so a test step takes milliseconds on a CPU.</summary>
static class TinyMethods
{
    public static readonly Dictionary<string, Dictionary<string, string>> Settings = new()
    {
        ["simsiam"] = new() { ["projector-dim"] = "32", ["predictor-dim"] = "8" },
        ["byol"] = new() { ["projector-hidden-dim"] = "32", ["projector-dim"] = "16" },
        ["barlow-twins"] = new() { ["projector-dim"] = "32" },
        ["simclr"] = new() { ["projector-hidden-dim"] = "32", ["projector-dim"] = "16" },
        // A queue of two batches that starts in epoch 1, so a resume at the epoch boundary must restore it.
        ["swav"] = new() { ["projector-hidden-dim"] = "32", ["projector-dim"] = "16", ["prototypes"] = "10",
            ["local-crops"] = "2",
            ["queue-length"] = "32", ["queue-start-epoch"] = "1" },
        ["vicreg"] = new() { ["projector-dim"] = "32" },
        ["mocov3"] = new() { ["projector-hidden-dim"] = "32", ["projector-dim"] = "16" },
        ["dino"] = new() { ["head-hidden-dim"] = "32", ["bottleneck-dim"] = "16", ["prototypes"] = "20",
            ["local-crops"] = "2",
            ["teacher-temperature-warmup-epochs"] = "2" },
    };

    public static IEnumerable<object[]> Names => MethodRegistry.Names.Select(n => new object[] { n });

    /// <summary>The method with its tiny heads on a width-4 ConvNet for 3-channel images.</summary>
    public static SslMethod Build(string name, params (string Key, string Value)[] overrides)
    {
        var definition = MethodRegistry.Get(name);
        var set = new Dictionary<string, string>(Settings[name]);
        foreach (var (k, v) in overrides) set[k] = v;
        return definition.Create(new ConvNet(3, 4), HyperParameters.Resolve(name, definition.HyperParameters, set));
    }

    public static TrainingOptions Options(string name, int epochs) => new()
    {
        Method = name,
        Encoder = new EncoderOptions { Architecture = "convnet", Width = 4 },
        Set = Settings[name],
        Epochs = epochs,
        BatchSize = 16,
        CheckpointEvery = 1,
        Seed = 3,
        Device = "cpu",
    };
}
