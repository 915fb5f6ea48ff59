using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.IO;

/// <summary>The safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range, an optional <c>__metadata__</c> string map, then raw
/// little-endian bytes. Loadable from Python with <c>safetensors</c> or with <c>json</c> + <c>struct</c> alone.</summary>
public static class SafeTensors
{
    static readonly Dictionary<ScalarType, string> DTypes = new()
    {
        [ScalarType.Float32] = "F32", [ScalarType.Float64] = "F64", [ScalarType.Float16] = "F16",
        [ScalarType.BFloat16] = "BF16", [ScalarType.Int64] = "I64", [ScalarType.Int32] = "I32",
        [ScalarType.Int16] = "I16", [ScalarType.Int8] = "I8", [ScalarType.Byte] = "U8", [ScalarType.Bool] = "BOOL",
    };

    /// <summary>Writes atomically: to a temporary file beside <paramref name="path"/>, then renamed over it,
    /// so a reader never sees a half-written file.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        // Every intermediate (detach, cpu, contiguous) belongs to this scope and goes with it.
        using var scope = NewDisposeScope();
        var cpu = tensors.Select(kv => (kv.Key, Tensor: kv.Value.detach().cpu().contiguous())).ToList();
        {
            using var header = new MemoryStream();
            using (var json = new Utf8JsonWriter(header))
            {
                json.WriteStartObject();
                if (metadata is { Count: > 0 })
                {
                    json.WriteStartObject("__metadata__");
                    foreach (var (k, v) in metadata) json.WriteString(k, v);
                    json.WriteEndObject();
                }
                long offset = 0;
                foreach (var (name, t) in cpu)
                {
                    if (!DTypes.TryGetValue(t.dtype, out var dtype)) throw new NotSupportedException($"Tensor '{name}' has dtype {t.dtype}, which safetensors writing does not support here.");
                    var size = t.NumberOfElements * t.ElementSize;
                    json.WriteStartObject(name);
                    json.WriteString("dtype", dtype);
                    json.WriteStartArray("shape");
                    foreach (var d in t.shape) json.WriteNumberValue(d);
                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(offset);
                    json.WriteNumberValue(offset + size);
                    json.WriteEndArray();
                    json.WriteEndObject();
                    offset += size;
                }
                json.WriteEndObject();
            }
            // Pad the header with spaces to a multiple of 8 bytes, as the reference writer does, for aligned reads.
            while (header.Length % 8 != 0) header.WriteByte((byte)' ');

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temp = path + $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
            try
            {
                using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    Span<byte> length = stackalloc byte[8];
                    BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                    file.Write(length);
                    header.Position = 0;
                    header.CopyTo(file);
                    foreach (var (_, t) in cpu) if (t.NumberOfElements > 0) file.Write(t.bytes);
                    file.Flush(flushToDisk: true);
                }
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }

    /// <summary>Reads every tensor (on the CPU) and the metadata. Errors name the file and what was wrong.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No such file: {path}", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"{path}: not a safetensors file (shorter than its 8-byte header length).");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)bytes.Length - 8) throw new InvalidDataException($"{path}: not a safetensors file (header length {headerLength} exceeds the file size {bytes.Length}).");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: safetensors header is not valid JSON ({e.Message}).", e); }
        var dataStart = 8 + (long)headerLength;
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        using (doc)
        {
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    foreach (var m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                    continue;
                }
                var dtypeName = entry.Value.GetProperty("dtype").GetString();
                var dtype = DTypes.FirstOrDefault(kv => kv.Value == dtypeName).Key;
                if (!DTypes.ContainsKey(dtype) || DTypes[dtype] != dtypeName) throw new InvalidDataException($"{path}: tensor '{entry.Name}' has unsupported dtype '{dtypeName}'.");
                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var range = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var t = empty(shape, dtype);
                var size = t.NumberOfElements * t.ElementSize;
                if (range.Length != 2 || range[1] - range[0] != size || dataStart + range[1] > bytes.Length)
                {
                    t.Dispose();
                    throw new InvalidDataException($"{path}: tensor '{entry.Name}' byte range [{string.Join(",", range)}] does not match its shape or the file size.");
                }
                if (size > 0) t.bytes = bytes.AsSpan((int)(dataStart + range[0]), (int)size);
                tensors[entry.Name] = t;
            }
        }
        return (tensors, metadata);
    }

    /// <summary>Reads only the metadata map of a safetensors file.</summary>
    public static Dictionary<string, string> ReadMetadata(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> length = stackalloc byte[8];
        file.ReadExactly(length);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(length);
        if (headerLength > (ulong)file.Length - 8) throw new InvalidDataException($"{path}: not a safetensors file.");
        var header = new byte[headerLength];
        file.ReadExactly(header);
        using var doc = JsonDocument.Parse(header);
        var metadata = new Dictionary<string, string>();
        if (doc.RootElement.TryGetProperty("__metadata__", out var m))
            foreach (var p in m.EnumerateObject()) metadata[p.Name] = p.Value.GetString() ?? "";
        return metadata;
    }

}
