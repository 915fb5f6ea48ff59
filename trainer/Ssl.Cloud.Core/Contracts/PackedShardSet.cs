namespace Ssl.Cloud.Core.Contracts;

/// <summary>A complete set of packed shards at one resolution
/// (<c>packed/{Resolution}/shard-00000.safetensors</c> .. <c>ShardCount - 1</c>). Recorded in the
/// manifest only after the last shard is written, so a half-packed dataset never looks packed.</summary>
public sealed record PackedShardSet
{
    public required int Resolution { get; init; }
    public required int ShardCount { get; init; }
    public required long ImageCount { get; init; }
    public required DateTimeOffset PackedAt { get; init; }
}
