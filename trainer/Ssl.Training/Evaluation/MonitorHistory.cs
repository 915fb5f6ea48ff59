using System.Text.Json;
using Ssl.Training.Runs;

namespace Ssl.Training.Evaluation;

/// <summary>The monitors of every epoch so far, kept in <c>monitors.json</c> in the run directory so that a resumed
/// run's report still has the epochs before the interruption.</summary>
public sealed record MonitorHistory(List<CollapseMetrics> Collapse, List<KnnPoint> Knn)
{
    public static string PathIn(RunDirectory run) => Path.Combine(run.Path, "monitors.json");

    /// <summary>The saved history up to <paramref name="upToEpoch"/> (later entries belong to epochs that the resumed
    /// run will train again), or an empty one.</summary>
    public static MonitorHistory Load(RunDirectory run, int upToEpoch)
    {
        var path = PathIn(run);
        if (!File.Exists(path)) return new([], []);
        var saved = JsonSerializer.Deserialize<MonitorHistory>(File.ReadAllText(path), RunDirectory.Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new(saved.Collapse.Where(m => m.Epoch <= upToEpoch).ToList(),
            saved.Knn.Where(k => k.Epoch <= upToEpoch).ToList());
    }

    public void Save(RunDirectory run) =>
        RunDirectory.WriteAtomically(PathIn(run), JsonSerializer.Serialize(this, RunDirectory.Json));
}
