using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Functions.Runs;

/// <summary>The <c>?only=</c> filter of <c>GET /api/runs/{id}/artifacts</c>: which files each kind is.</summary>
public static class ArtifactKinds
{
    public static IReadOnlyDictionary<string, Func<string, bool>> All { get; } =
        new Dictionary<string, Func<string, bool>>
        {
            ["encoder"] = name => name == BlobLayout.EncoderWeights,
            ["report"] = name => name.StartsWith("report.", StringComparison.Ordinal) || name == "monitors.json",
            ["checkpoints"] = name => name.StartsWith(BlobLayout.CheckpointsFolder, StringComparison.Ordinal),
        };
}
