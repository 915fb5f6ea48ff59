namespace Ssl.Cloud.Core.Storage;

public sealed partial class RunStore
{
    /// <summary>One page of run ids (the top-level folders of the container) in name order, starting with
    /// <paramref name="prefix"/>; <c>continuation</c> is null on the last page.</summary>
    public Task<(IReadOnlyList<string> RunIds, string? Continuation)> ListRunIdsAsync(
        string? prefix, string? continuation, int pageSize, CancellationToken ct = default) =>
        Run(c => BlobFolders.PageAsync(runs, prefix, continuation, pageSize, c), ct);
}
