using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Ssl.Cloud.Core.Storage;

/// <summary>The top-level folders of a container (one per dataset, one per run), listed a page at a time.</summary>
internal static class BlobFolders
{
    /// <summary>One page of the folder names of <paramref name="container"/> that start with
    /// <paramref name="prefix"/>, in name order; <c>continuation</c> is null on the last page.</summary>
    public static async Task<(IReadOnlyList<string> Names, string? Continuation)> PageAsync(
        BlobContainerClient container, string? prefix, string? continuation, int pageSize, CancellationToken ct)
    {
        var pages = container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, ct)
            .AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            var names = page.Values.Where(i => i.IsPrefix).Select(i => i.Prefix.TrimEnd('/')).ToList();
            return (names, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }
        return ([], null);
    }
}
