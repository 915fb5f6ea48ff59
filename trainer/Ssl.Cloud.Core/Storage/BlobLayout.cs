using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Core.Storage;

/// <summary>Every blob name of DESIGN.md §3, in one place. Names are relative to their container
/// (<see cref="DatasetsContainer"/>, <see cref="RunsContainer"/>, <see cref="SchedulesContainer"/>);
/// identifiers are checked here, so no caller can build a path out of a hostile id.</summary>
public static class BlobLayout
{
    public const string DatasetsContainer = "datasets";
    public const string RunsContainer = "runs";
    public const string SchedulesContainer = "schedules";

    public const string RequestFile = "request.json";
    public const string StatusFile = "status.json";
    public const string CheckpointsFolder = "checkpoints/";
    public const string LatestCheckpointFile = CheckpointsFolder + "latest.json";
    public const string ReportJson = "report.json";
    public const string ReportHtml = "report.html";
    public const string EncoderWeights = "encoder.safetensors";

    // datasets/{datasetId}/...
    public static string DatasetPrefix(string datasetId) => Identifier.Require(datasetId, nameof(datasetId)) + "/";
    public static string DatasetRawPrefix(string datasetId) => DatasetPrefix(datasetId) + "raw/";
    public static string DatasetRawFile(string datasetId, string relativePath) =>
        DatasetRawPrefix(datasetId) + RelativePath(relativePath);
    public static string DatasetManifest(string datasetId) => DatasetPrefix(datasetId) + "manifest.json";
    public static string DatasetPackedPrefix(string datasetId, int resolution) =>
        DatasetPrefix(datasetId) + $"packed/{Positive(resolution)}/";

    /// <summary>A file of the pack at <paramref name="resolution"/> by its own name (<c>train-00000.safetensors</c>,
    /// <c>manifest.json</c>, <c>index.json</c>), as the local packed format names them.</summary>
    public static string DatasetPackedFile(string datasetId, int resolution, string fileName) =>
        DatasetPackedPrefix(datasetId, resolution) + (fileName.Contains('/')
            ? throw new ArgumentException($"'{fileName}' is not a file name", nameof(fileName))
            : RelativePath(fileName));

    /// <summary>The empty blob whose lease says who is packing the dataset at <paramref name="resolution"/>: one
    /// packer at a time.</summary>
    public static string DatasetPackLock(string datasetId, int resolution) =>
        DatasetPackedPrefix(datasetId, resolution) + ".lease";

    public static string DatasetPackedShard(string datasetId, int resolution, int shard) =>
        DatasetPackedPrefix(datasetId, resolution) + $"shard-{NonNegative(shard):D5}.safetensors";

    // runs/{runId}/...
    public static string RunPrefix(string runId) => Identifier.Require(runId, nameof(runId)) + "/";
    public static string RunRequest(string runId) => RunPrefix(runId) + RequestFile;
    public static string RunStatus(string runId) => RunPrefix(runId) + StatusFile;

    /// <summary><c>checkpoints/epoch-0010.ckpt</c> relative to the run; a checkpoint taken part-way through an
    /// epoch (on cancellation or shutdown) is <c>checkpoints/epoch-0010-step-000003.ckpt</c>, as the trainer names it
    /// locally, so it never replaces the checkpoint of a finished epoch.</summary>
    public static string CheckpointName(int epoch, int stepInEpoch = 0) =>
        CheckpointsFolder + (NonNegative(stepInEpoch) == 0
            ? $"epoch-{NonNegative(epoch):D4}.ckpt"
            : $"epoch-{NonNegative(epoch):D4}-step-{stepInEpoch:D6}.ckpt");

    public static string RunCheckpoint(string runId, int epoch) => RunPrefix(runId) + CheckpointName(epoch);
    public static string RunLatestCheckpoint(string runId) => RunPrefix(runId) + LatestCheckpointFile;

    /// <summary>A file of the run by its name relative to the run (<see cref="ReportJson"/>,
    /// <c>checkpoints/...</c>).</summary>
    public static string RunArtifact(string runId, string name) => RunPrefix(runId) + RelativePath(name);

    // schedules/{name}.json
    public static string Schedule(string name) => Identifier.Require(name, nameof(name)) + ".json";

    /// <summary>A relative path of '/'-separated segments, none empty, '.' or '..', no backslash or control
    /// character.</summary>
    public static string RelativePath(string path)
    {
        var ok = !string.IsNullOrEmpty(path) && path.Length <= 512
            && !path.Any(c => c == '\\' || char.IsControl(c))
            && path.Split('/').All(s => s.Length > 0 && s is not "." and not "..");
        return ok ? path : throw new ArgumentException($"'{path}' is not a safe relative blob path", nameof(path));
    }

    static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be > 0");
    static int NonNegative(int value) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "must be >= 0");
}
