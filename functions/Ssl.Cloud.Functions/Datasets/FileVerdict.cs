using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>What validating one raw blob found: accepted images and rejected files (a zip gives many of
/// each).</summary>
public sealed record FileVerdict(IReadOnlyList<ManifestFile> Accepted, IReadOnlyList<RejectedFile> Rejected)
{
    public static FileVerdict Reject(string path, string reason) => new([], [new RejectedFile(path, reason)]);
}
