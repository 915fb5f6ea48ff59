namespace Ssl.Training.Data.Packing;

/// <summary>Where a pack stands right after a shard was written: every file of the plan before
/// <paramref name="Position"/> is in a written shard (or rejected, in <paramref name="Rejected"/>), none after it.
/// </summary>
/// <param name="Position">Files of the <see cref="PackPlan"/> consumed.</param>
/// <param name="Train">The train shards written so far and their counts.</param>
/// <param name="Test">The test shards written so far and their counts.</param>
/// <param name="Rejected">Files that failed to decode so far.</param>
public sealed record PackProgress(int Position, PackedSplit Train, PackedSplit Test,
    IReadOnlyList<RejectedFile> Rejected);
