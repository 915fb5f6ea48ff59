namespace Ssl.Training.Data.Packing;

/// <summary>How <see cref="PackedStream"/> batches and how much memory it may hold.</summary>
public sealed record PackedStreamOptions
{
    public int BatchSize { get; init; } = 256;

    /// <summary>Most shard bytes held at once (read ahead, queued, or being drawn from). Must hold the largest
    /// shard.</summary>
    public long MemoryBudgetBytes { get; init; } = 1L << 30;

    /// <summary>Shards drawn from at once: samples of a batch come from this many shards, mixing them.</summary>
    public int WindowShards { get; init; } = 2;

    public int Seed { get; init; }

    /// <summary>Skip a last batch smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    /// <summary>Stream the test split instead of the train split.</summary>
    public bool TestSplit { get; init; }
}
