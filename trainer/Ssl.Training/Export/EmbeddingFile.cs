using System.Text;
using Ssl.Training.IO;
using static TorchSharp.torch;

namespace Ssl.Training.Export;

/// <summary>Writes embeddings float32 [N, D] as <c>.safetensors</c> (tensor <c>embeddings</c>, the source files in the
/// metadata as a JSON list) or as NumPy <c>.npy</c> (format 1.0, little-endian float32, C order). Either is written
/// atomically, creating the folder if needed.</summary>
public static class EmbeddingFile
{
    public static void Write(string path, Tensor embeddings, IReadOnlyList<string> sources)
    {
        using var data = embeddings.detach().to(ScalarType.Float32).cpu().contiguous();
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".safetensors":
                SafeTensors.Write(path, [new("embeddings", data)], new Dictionary<string, string>
                {
                    ["format"] = "ssl.cloud.embeddings",
                    ["files"] = System.Text.Json.JsonSerializer.Serialize(sources),
                });
                break;
            case ".npy":
                WriteNpy(path, data);
                break;
            default:
                throw new ArgumentException($"--out '{path}': the extension must be .safetensors or .npy.");
        }
    }

    static void WriteNpy(string path, Tensor data)
    {
        var shape = string.Join(", ", data.shape) + (data.shape.Length == 1 ? "," : "");
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({shape}), }}";
        // Magic (6) + version (2) + header length (2) + header + padding + '\n' is a multiple of 64.
        var total = (10 + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(total - 10 - 1) + "\n";
        AtomicFile.Write(path, file => WriteNpy(file, header, data));
    }

    static void WriteNpy(Stream file, string header, Tensor data)
    {
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        file.Write(BitConverter.GetBytes((ushort)header.Length));
        file.Write(Encoding.ASCII.GetBytes(header));
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException(".npy export assumes a little-endian machine.");
        if (data.NumberOfElements > 0) file.Write(data.bytes);
    }
}
