namespace Ssl.Cloud.Core.Contracts;

/// <summary><c>datasets/{datasetId}/manifest.json</c>: what validation accepted and refused.</summary>
public sealed record DatasetManifest : IVersionedDocument
{
    public static int CurrentSchemaVersion => 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string DatasetId { get; init; }
    public required DatasetStatus Status { get; init; }
    public string? StatusReason { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public IReadOnlyList<ManifestFile> Files { get; init; } = [];

    /// <summary>Class names in label order (label i is <c>Classes[i]</c>); empty when unlabelled.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public IReadOnlyDictionary<string, int> ClassCounts { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<RejectedFile> Rejected { get; init; } = [];
    public IReadOnlyList<PackedShardSet> Packed { get; init; } = [];

    /// <summary>The run that train-on-commit submitted once the dataset became Ready; null when none.</summary>
    public string? RunId { get; init; }

    /// <summary>The manifest of the accepted <paramref name="files"/>: classes sorted ordinally
    /// (as torchvision's ImageFolder does), counts per class, status Ready, or Rejected when none.</summary>
    public static DatasetManifest FromValidation(string datasetId, IReadOnlyList<ManifestFile> files,
        IReadOnlyList<RejectedFile> rejected, DateTimeOffset at)
    {
        var counts = files.Where(f => f.Label is not null).GroupBy(f => f.Label!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new DatasetManifest
        {
            DatasetId = datasetId,
            Status = files.Count > 0 ? DatasetStatus.Ready : DatasetStatus.Rejected,
            StatusReason = files.Count > 0 ? null : $"no usable image among {rejected.Count} uploaded file(s)",
            UpdatedAt = at,
            Files = files,
            Classes = [.. counts.Keys],
            ClassCounts = counts,
            Rejected = rejected,
        };
    }

    public PackedShardSet? PackedAt(int resolution) => Packed.FirstOrDefault(p => p.Resolution == resolution);
}
