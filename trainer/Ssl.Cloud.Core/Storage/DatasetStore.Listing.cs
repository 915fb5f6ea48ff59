namespace Ssl.Cloud.Core.Storage;

public sealed partial class DatasetStore
{
    /// <summary>One page of dataset ids (the top-level folders of the container) in name order; <c>continuation</c>
    /// is null on the last page.</summary>
    public Task<(IReadOnlyList<string> DatasetIds, string? Continuation)> ListDatasetIdsAsync(
        string? continuation, int pageSize, CancellationToken ct = default) =>
        Run(c => BlobFolders.PageAsync(datasets, null, continuation, pageSize, c), ct);
}
