using System.Text.Json;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>Requests small enough to train in seconds on two CPU cores: 256 built-in images, a ConvNet of
/// width 8, a 32-wide projector, batch 64 (4 steps an epoch), a checkpoint every epoch.</summary>
static class TinyRun
{
    public const string Dataset = "builtin-256-128";

    public static string NewRunId(string purpose) =>
        $"{purpose}-{Guid.NewGuid():N}"[..Math.Min(40, purpose.Length + 13)];

    public static TrainingRequest Request(string runId, int epochs = 3, string method = "simsiam",
        string dataset = Dataset) => new()
    {
        RunId = runId,
        DatasetId = dataset,
        Method = method,
        Encoder = "convnet",
        Epochs = epochs,
        BatchSize = 64,
        HyperParameters = new Dictionary<string, JsonElement>
        {
            [RequestMapper.Width] = JsonSerializer.SerializeToElement(8),
            ["projector-dim"] = JsonSerializer.SerializeToElement(32),
            [RequestMapper.CheckpointEvery] = JsonSerializer.SerializeToElement(1),
            [RequestMapper.EvalEvery] = JsonSerializer.SerializeToElement(0),
            [RequestMapper.KnnK] = JsonSerializer.SerializeToElement(20),
            [RequestMapper.Seed] = JsonSerializer.SerializeToElement(7),
        },
        RequestedAt = DateTimeOffset.UtcNow,
    };
}
