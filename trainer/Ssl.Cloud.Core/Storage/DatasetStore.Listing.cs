using Azure.Storage.Blobs.Models;

namespace Ssl.Cloud.Core.Storage;

public sealed partial class DatasetStore
{
    /// <summary>One page of dataset ids (the top-level folders of the container) in name order; <c>continuation</c>
    /// is null on the last page.</summary>
    public Task<(IReadOnlyList<string> DatasetIds, string? Continuation)> ListDatasetIdsAsync(
        string? continuation, int pageSize, CancellationToken ct = default) =>
        Run<(IReadOnlyList<string>, string?)>(async c =>
    {
        var pages = datasets.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", null, c)
            .AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            var ids = page.Values.Where(i => i.IsPrefix).Select(i => i.Prefix.TrimEnd('/')).ToList();
            return (ids, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }
        return ([], null);
    }, ct);
}
