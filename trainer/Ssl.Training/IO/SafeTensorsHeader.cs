namespace Ssl.Training.IO;

/// <summary>A checked safetensors header: the tensors in file order, the metadata, and where the data starts.
/// Lets a reader seek to one tensor (a shard's images) without reading the others.</summary>
public sealed record SafeTensorsHeader(
    IReadOnlyList<SafeTensorsTensorInfo> Tensors, IReadOnlyDictionary<string, string> Metadata, long DataStart)
{
    public SafeTensorsTensorInfo? Find(string name) => Tensors.FirstOrDefault(t => t.Name == name);
}
