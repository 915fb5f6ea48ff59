using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>datasets/{id}/validation.json</c>: what a commit has validated so far, so that validation can stop
/// at a time budget and go on later (another request or the timer) without doing a file twice.</summary>
public sealed record ValidationProgress
{
    /// <summary>Raw blobs (paths under <c>raw/</c>) fully validated; a zip counts once, with all its entries.</summary>
    public List<string> Done { get; init; } = [];
    public List<ManifestFile> Accepted { get; init; } = [];
    public List<RejectedFile> Rejected { get; init; } = [];
}
