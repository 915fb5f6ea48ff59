namespace Ssl.Training.Data.Packing;

/// <summary>One safetensors file of a packed split.</summary>
public sealed record PackedShard(string File, int Count, long Bytes);
