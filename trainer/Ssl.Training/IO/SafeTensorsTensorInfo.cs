namespace Ssl.Training.IO;

/// <summary>Where a tensor lies in a safetensors file: <paramref name="Begin"/> and <paramref name="End"/> are byte
/// offsets from <see cref="SafeTensorsHeader.DataStart"/>.</summary>
public sealed record SafeTensorsTensorInfo(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long Bytes => End - Begin;
}
