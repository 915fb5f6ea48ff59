namespace Ssl.Training.Data.Packing;

/// <summary>One tensor as raw little-endian bytes, for writing without going through a Tensor.</summary>
/// <param name="DType">safetensors dtype name: U8, I64, F32, ...</param>
internal sealed record SafetensorsEntry(string Name, string DType, long[] Shape, ReadOnlyMemory<byte> Data);

/// <summary>Where a tensor lies in a safetensors file, from its header.</summary>
internal sealed record SafetensorsTensorInfo(string Name, string DType, long[] Shape, long Begin, long End);
