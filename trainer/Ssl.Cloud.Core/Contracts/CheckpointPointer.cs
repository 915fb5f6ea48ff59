namespace Ssl.Cloud.Core.Contracts;

/// <summary><c>runs/{runId}/checkpoints/latest.json</c>: the newest complete checkpoint. Written
/// only after the checkpoint blob is committed, and never moved back to an older step.</summary>
public sealed record CheckpointPointer : IVersionedDocument
{
    public static int CurrentSchemaVersion => 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required int Epoch { get; init; }
    public required long Step { get; init; }

    /// <summary>Blob name relative to the run, e.g. <c>checkpoints/epoch-0010.ckpt</c>.</summary>
    public required string Path { get; init; }

    public required long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the checkpoint bytes, checked on download.</summary>
    public required string Sha256 { get; init; }

    public required DateTimeOffset WrittenAt { get; init; }
}
