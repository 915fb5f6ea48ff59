using Azure.Storage.Blobs.Models;

namespace Ssl.Cloud.Core.Storage;

public sealed partial class RunStore
{
    /// <summary>One page of run ids (the top-level folders of the container) in name order, starting with
    /// <paramref name="prefix"/>; <c>continuation</c> is null on the last page.</summary>
    public Task<(IReadOnlyList<string> RunIds, string? Continuation)> ListRunIdsAsync(
        string? prefix, string? continuation, int pageSize, CancellationToken ct = default) =>
        Run<(IReadOnlyList<string>, string?)>(async c =>
    {
        var pages = runs.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, c)
            .AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            var ids = page.Values.Where(i => i.IsPrefix).Select(i => i.Prefix.TrimEnd('/')).ToList();
            return (ids, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }
        return ([], null);
    }, ct);
}
