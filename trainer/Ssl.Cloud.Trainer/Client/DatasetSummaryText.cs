namespace Ssl.Cloud.Trainer.Client;

/// <summary>A dataset's manifest summary in words: status, accepted files and classes, each rejected file.</summary>
public static class DatasetSummaryText
{
    const int RejectedShown = 50;

    public static IEnumerable<string> Lines(DatasetSummary summary)
    {
        var classes = summary.Classes.Count > 0 ? $" in {summary.Classes.Count} classes" : "";
        yield return $"dataset {summary.DatasetId}: {summary.Status.ToLowerInvariant()}, "
            + $"{summary.Accepted} accepted{classes}, "
            + $"{summary.Rejected.Count} rejected{(summary.StatusReason is { } r ? $" ({r})" : "")}";
        foreach (var (name, count) in summary.ClassCounts) yield return $"  {name}: {count}";
        foreach (var rejected in summary.Rejected.Take(RejectedShown))
            yield return $"  rejected {rejected.Path}: {rejected.Reason}";
        if (summary.Rejected.Count > RejectedShown)
            yield return $"  ... and {summary.Rejected.Count - RejectedShown} more rejected (ssl datasets show " +
                $"{summary.DatasetId} --json)";
        if (summary.RunId is { } run) yield return $"run {run}";
    }
}
