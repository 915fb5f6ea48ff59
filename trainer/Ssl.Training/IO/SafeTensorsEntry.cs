namespace Ssl.Training.IO;

/// <summary>One tensor as raw little-endian bytes, for writing without going through a Tensor (packed shards are
/// filled from pixel buffers).</summary>
/// <param name="DType">safetensors dtype name: U8, I64, F32, ...</param>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, ReadOnlyMemory<byte> Data);
