using System.Text.Json;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Tests;

static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 5, TimeSpan.Zero);

    public static TrainingRequest Request(string runId = "run-0001") => new()
    {
        RunId = runId,
        DatasetId = "cifar10-sample",
        Method = "simsiam",
        Encoder = "resnet18-cifar",
        Epochs = 800,
        BatchSize = 512,
        HyperParameters = new Dictionary<string, JsonElement>
        {
            ["lr"] = JsonSerializer.SerializeToElement(0.06),
            ["weightDecay"] = JsonSerializer.SerializeToElement(0.0005),
            ["predictorFixedLr"] = JsonSerializer.SerializeToElement(true),
        },
        RequestedAt = Now,
    };

    public static string RunId() => $"run-{Guid.NewGuid():N}"[..20];

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
