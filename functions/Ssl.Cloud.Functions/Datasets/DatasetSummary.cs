using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>A manifest as <c>GET /api/datasets/{id}</c> shows it: counts and classes, every rejected file with its
/// reason, the train-on-commit run; the per-file list stays in the blob.</summary>
public sealed record DatasetSummary(string DatasetId, DatasetStatus Status, string? StatusReason,
    DateTimeOffset UpdatedAt, int Files, IReadOnlyList<string> Classes, IReadOnlyDictionary<string, int> ClassCounts,
    IReadOnlyList<RejectedFile> Rejected, string? RunId)
{
    public static DatasetSummary From(DatasetManifest m) =>
        new(m.DatasetId, m.Status, m.StatusReason, m.UpdatedAt, m.Files.Count, m.Classes, m.ClassCounts, m.Rejected,
            m.RunId);
}
