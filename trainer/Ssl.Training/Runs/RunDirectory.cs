using Ssl.Training.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ssl.Training.Runs;

/// <summary>The local layout of one run; the cloud worker mirrors it into <c>runs/{runId}/</c>:
/// request.json, checkpoints/epoch-0005.ckpt + checkpoints/latest.json, report.json, report.md.</summary>
public sealed class RunDirectory
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public RunDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }
    public string RunId => System.IO.Path.GetFileName(Path);
    public string Request => System.IO.Path.Combine(Path, "request.json");
    public string Checkpoints => System.IO.Path.Combine(Path, "checkpoints");
    public string LatestPointer => System.IO.Path.Combine(Checkpoints, "latest.json");
    public string ReportJson => System.IO.Path.Combine(Path, "report.json");
    public string ReportMarkdown => System.IO.Path.Combine(Path, "report.md");

    public string CheckpointFile(TrainingState state) => System.IO.Path.Combine(Checkpoints,
        state.StepInEpoch == 0
            ? $"epoch-{state.Epoch:D4}.ckpt"
            : $"epoch-{state.Epoch:D4}-step-{state.StepInEpoch:D6}.ckpt");

    public void WriteRequest(TrainingOptions options)
    {
        Directory.CreateDirectory(Path);
        WriteAtomically(Request, JsonSerializer.Serialize(options, Json));
    }

    public TrainingOptions ReadRequest()
    {
        if (!File.Exists(Request))
            throw new FileNotFoundException($"{Request} does not exist: not a run directory.", Request);
        try
        {
            return JsonSerializer.Deserialize<TrainingOptions>(File.ReadAllText(Request), Json)
                ?? throw new InvalidDataException($"{Request} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Request} is not a valid training request: {e.Message}", e);
        }
    }

    /// <summary>The newest complete checkpoint, or null. The pointer is written only after the checkpoint file is
    /// complete, so it never names a partial file.</summary>
    public string? LatestCheckpoint()
    {
        if (!File.Exists(LatestPointer)) return null;
        var pointer = JsonSerializer.Deserialize<LatestCheckpoint>(File.ReadAllText(LatestPointer), Json)
            ?? throw new InvalidDataException($"{LatestPointer} is empty.");
        var file = System.IO.Path.Combine(Checkpoints, pointer.Checkpoint);
        if (!File.Exists(file))
            throw new FileNotFoundException($"{LatestPointer} names {pointer.Checkpoint}, which does not exist.", file);
        return file;
    }

    public void PointLatestAt(string checkpointFile, TrainingState state) =>
        WriteAtomically(LatestPointer, JsonSerializer.Serialize(
            new LatestCheckpoint(System.IO.Path.GetFileName(checkpointFile), state.Epoch, state.StepInEpoch,
                state.GlobalStep), Json));

    /// <summary>UTF-8 text through <see cref="AtomicFile"/>: complete under its name or not there at all.</summary>
    public static void WriteAtomically(string path, string contents) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(contents);
        });
}

/// <summary>The content of <c>checkpoints/latest.json</c>.</summary>
public sealed record LatestCheckpoint(string Checkpoint, int Epoch, int StepInEpoch, long GlobalStep);
