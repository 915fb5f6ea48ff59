using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Data.Packing;

/// <summary>Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte
/// little-endian header length N, N bytes of JSON mapping each tensor name to {dtype, shape, data_offsets} plus an
/// optional string-to-string "__metadata__", then the raw little-endian tensor bytes. Writes are atomic: a temp file
/// in the same folder, flushed to disk, then renamed over the target, so a reader never sees half a file.</summary>
public static class SafetensorsFile
{
    const long MaxHeaderBytes = 100L << 20; // the reference implementation's limit

    static readonly Dictionary<ScalarType, (string Name, int Size)> DTypes = new()
    {
        [ScalarType.Byte] = ("U8", 1), [ScalarType.Int8] = ("I8", 1), [ScalarType.Int16] = ("I16", 2),
        [ScalarType.Int32] = ("I32", 4), [ScalarType.Int64] = ("I64", 8), [ScalarType.Float16] = ("F16", 2),
        [ScalarType.BFloat16] = ("BF16", 2), [ScalarType.Float32] = ("F32", 4), [ScalarType.Float64] = ("F64", 8),
        [ScalarType.Bool] = ("BOOL", 1),
    };

    /// <summary>Writes CPU copies of <paramref name="tensors"/>, in the given order, with optional metadata.</summary>
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = new List<SafetensorsEntry>();
        foreach (var (name, t) in tensors)
        {
            if (!DTypes.TryGetValue(t.dtype, out var dtype)) throw new ArgumentException($"{name}: dtype {t.dtype} has no safetensors name", nameof(tensors));
            using var cpu = t.detach().cpu().contiguous();
            entries.Add(new SafetensorsEntry(name, dtype.Name, t.shape, cpu.bytes.ToArray()));
        }
        WriteRaw(path, entries, metadata);
    }

    /// <summary>Reads every tensor (fresh CPU tensors the caller owns) and the metadata.</summary>
    public static (Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        var (infos, metadata, dataStart) = ReadHeader(path);
        var tensors = new Dictionary<string, Tensor>();
        using var stream = File.OpenRead(path);
        foreach (var info in infos)
        {
            var dtype = DTypes.First(d => d.Value.Name == info.DType).Key;
            var t = empty(info.Shape, dtype);
            stream.Position = dataStart + info.Begin;
            stream.ReadExactly(t.bytes);
            tensors[info.Name] = t;
        }
        return (tensors, metadata);
    }

    internal static void WriteRaw(string path, IReadOnlyList<SafetensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 }) header["__metadata__"] = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        long offset = 0;
        foreach (var e in entries)
        {
            header[e.Name] = new JsonObject
            {
                ["dtype"] = e.DType,
                ["shape"] = new JsonArray(e.Shape.Select(s => (JsonNode?)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + e.Data.Length),
            };
            offset += e.Data.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8; // the reference writer pads with spaces so the data is 8-byte aligned
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
            foreach (var e in entries) stream.Write(e.Data.Span);
        });
    }

    /// <summary>Parses and checks the header: sizes agree with dtypes and shapes, offsets are contiguous and inside the file.</summary>
    internal static (IReadOnlyList<SafetensorsTensorInfo> Tensors, IReadOnlyDictionary<string, string> Metadata, long DataStart) ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8) throw Bad(path, "shorter than the 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)Math.Min(MaxHeaderBytes, stream.Length - 8)) throw Bad(path, $"header length {headerLength} is beyond the file or the {MaxHeaderBytes}-byte limit");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json)?.AsObject() ?? throw Bad(path, "header is not a JSON object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new DatasetException($"{path}: not a safetensors file: header is not valid JSON ({e.Message})", e);
        }
        var dataStart = 8 + (long)headerLength;
        var metadata = new Dictionary<string, string>();
        var infos = new List<SafetensorsTensorInfo>();
        foreach (var (name, node) in root)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node?.AsObject() ?? []) metadata[k] = v?.GetValue<string>() ?? "";
                continue;
            }
            infos.Add(ParseTensor(path, name, node));
        }
        infos.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        long expected = 0;
        foreach (var t in infos)
        {
            if (t.Begin != expected) throw Bad(path, $"tensor {t.Name} starts at {t.Begin}, expected {expected} (gap or overlap)");
            expected = t.End;
        }
        if (dataStart + expected != stream.Length) throw Bad(path, $"tensor data ends at {dataStart + expected} but the file has {stream.Length} bytes");
        return (infos, metadata, dataStart);
    }

    static SafetensorsTensorInfo ParseTensor(string path, string name, JsonNode? node)
    {
        try
        {
            var dtype = node!["dtype"]!.GetValue<string>();
            var shape = node["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            var offsets = node["data_offsets"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            var size = DTypes.Values.FirstOrDefault(d => d.Name == dtype).Size;
            if (size == 0) throw Bad(path, $"tensor {name} has unsupported dtype {dtype}");
            if (offsets.Length != 2 || shape.Any(s => s < 0)) throw Bad(path, $"tensor {name} has a malformed shape or data_offsets");
            var bytes = shape.Aggregate(1L, (a, s) => checked(a * s)) * size;
            if (offsets[1] - offsets[0] != bytes) throw Bad(path, $"tensor {name} of {dtype} [{string.Join(",", shape)}] needs {bytes} bytes, its offsets span {offsets[1] - offsets[0]}");
            return new SafetensorsTensorInfo(name, dtype, shape, offsets[0], offsets[1]);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or OverflowException)
        {
            throw new DatasetException($"{path}: not a safetensors file: entry {name} is malformed ({e.Message})", e);
        }
    }

    static DatasetException Bad(string path, string what) => new($"{path}: not a safetensors file: {what}");
}
