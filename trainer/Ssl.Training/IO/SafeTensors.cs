using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.IO;

/// <summary>The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of JSON
/// naming each tensor's dtype, shape and byte range plus an optional string-to-string <c>__metadata__</c>, then the raw
/// little-endian bytes. Loadable from Python with <c>safetensors</c> or with <c>json</c> + <c>struct</c> alone.
/// Serves checkpoints, exported encoders, embeddings and packed dataset shards. Writes are atomic (see
/// <see cref="AtomicFile"/>); reads check the header (sizes agree with dtypes and shapes, byte ranges are contiguous
/// and end at the end of the file) and stream tensor by tensor, so a reader can also seek to one tensor via
/// <see cref="ReadHeader"/>. Every error names the file.</summary>
public static class SafeTensors
{
    const long MaxHeaderBytes = 100L << 20; // the reference implementation's limit

    static readonly Dictionary<ScalarType, (string Name, int Size)> DTypes = new()
    {
        [ScalarType.Byte] = ("U8", 1), [ScalarType.Int8] = ("I8", 1), [ScalarType.Int16] = ("I16", 2),
        [ScalarType.Int32] = ("I32", 4), [ScalarType.Int64] = ("I64", 8), [ScalarType.Float16] = ("F16", 2),
        [ScalarType.BFloat16] = ("BF16", 2), [ScalarType.Float32] = ("F32", 4), [ScalarType.Float64] = ("F64", 8),
        [ScalarType.Bool] = ("BOOL", 1),
    };

    /// <summary>Writes CPU copies of <paramref name="tensors"/>, in the given order, with optional metadata. The
    /// bytes go straight from each tensor to the file (no managed copy), so a checkpoint needs no second copy in
    /// memory.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        // Every intermediate (detach, cpu, contiguous) belongs to this scope and goes with it; the inputs are not
        // touched.
        using var scope = NewDisposeScope();
        var cpu = new List<(SafeTensorsEntry Entry, Tensor Tensor)>();
        foreach (var (name, t) in tensors)
        {
            if (!DTypes.TryGetValue(t.dtype, out var dtype))
                throw new ArgumentException(
                    $"{path}: tensor '{name}' has dtype {t.dtype}, which has no safetensors name.", nameof(tensors));
            var c = t.detach().cpu().contiguous();
            cpu.Add((new SafeTensorsEntry(name, dtype.Name, c.shape, ReadOnlyMemory<byte>.Empty), c));
        }
        WriteFile(path, cpu.Select(x => (x.Entry, x.Tensor.NumberOfElements * x.Tensor.ElementSize)).ToList(),
            metadata, stream =>
        {
            foreach (var (_, t) in cpu) if (t.NumberOfElements > 0) stream.Write(t.bytes);
        });
    }

    /// <summary>Writes tensors given as raw bytes (a packed shard's pixel buffer), in the given order.</summary>
    public static void WriteRaw(string path, IReadOnlyList<SafeTensorsEntry> entries,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        foreach (var e in entries)
        {
            var size = DTypes.Values.FirstOrDefault(d => d.Name == e.DType).Size;
            if (size == 0)
                throw new ArgumentException(
                    $"{path}: tensor '{e.Name}' has unknown dtype '{e.DType}'.", nameof(entries));
            var expected = e.Shape.Aggregate(1L, (a, s) => checked(a * s)) * size;
            if (expected != e.Data.Length)
                throw new ArgumentException($"{path}: tensor '{e.Name}' of {e.DType} [{string.Join(",", e.Shape)}] "
                    + $"needs {expected} bytes, got {e.Data.Length}.", nameof(entries));
        }
        WriteFile(path, entries.Select(e => (e, (long)e.Data.Length)).ToList(), metadata, stream =>
        {
            foreach (var e in entries) stream.Write(e.Data.Span);
        });
    }

    /// <summary>Reads every tensor (fresh CPU tensors the caller owns) and the metadata.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        var header = ReadHeader(path);
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            foreach (var info in header.Tensors)
            {
                var t = empty(info.Shape, DTypes.First(d => d.Value.Name == info.DType).Key);
                tensors[info.Name] = t;
                if (info.Bytes == 0) continue;
                stream.Position = header.DataStart + info.Begin;
                stream.ReadExactly(t.bytes);
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, new Dictionary<string, string>(header.Metadata));
    }

    /// <summary>Reads only the metadata map.</summary>
    public static Dictionary<string, string> ReadMetadata(string path) => new(ReadHeader(path).Metadata);

    /// <summary>Parses and checks the header: known dtypes, sizes that agree with the shapes, byte ranges that are
    /// contiguous from 0 and end exactly at the end of the file.</summary>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist.", path);
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
            throw Bad(path, "shorter than the 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)Math.Min(MaxHeaderBytes, stream.Length - 8))
            throw Bad(path, $"header length {headerLength} is beyond the file size {stream.Length} "
                + $"or the {MaxHeaderBytes}-byte limit");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        var dataStart = 8 + (long)headerLength;
        var metadata = new Dictionary<string, string>();
        var infos = new List<SafeTensorsTensorInfo>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "header is not a JSON object");
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    foreach (var m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                    continue;
                }
                if (infos.Any(i => i.Name == entry.Name)) throw Bad(path, $"tensor '{entry.Name}' appears twice");
                infos.Add(ParseTensor(path, entry.Name, entry.Value));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException
                                      or KeyNotFoundException or OverflowException)
        {
            throw new InvalidDataException($"{path}: not a safetensors file: the header is not valid ({e.Message})", e);
        }
        infos.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        long expected = 0;
        foreach (var t in infos)
        {
            if (t.Begin != expected)
                throw Bad(path, $"tensor '{t.Name}' starts at {t.Begin}, expected {expected} (gap or overlap)");
            expected = t.End;
        }
        if (dataStart + expected != stream.Length)
            throw Bad(path, $"tensor data ends at {dataStart + expected} but the file has {stream.Length} bytes");
        return new SafeTensorsHeader(infos, metadata, dataStart);
    }

    static SafeTensorsTensorInfo ParseTensor(string path, string name, JsonElement node)
    {
        var dtype = node.GetProperty("dtype").GetString();
        var shape = node.GetProperty("shape").EnumerateArray().Select(s => s.GetInt64()).ToArray();
        var offsets = node.GetProperty("data_offsets").EnumerateArray().Select(s => s.GetInt64()).ToArray();
        var size = DTypes.Values.FirstOrDefault(d => d.Name == dtype).Size;
        if (size == 0) throw Bad(path, $"tensor '{name}' has unsupported dtype '{dtype}'");
        if (offsets.Length != 2 || offsets[0] < 0 || shape.Any(s => s < 0))
            throw Bad(path, $"tensor '{name}' has a malformed shape or data_offsets");
        var bytes = shape.Aggregate(1L, (a, s) => checked(a * s)) * size;
        if (offsets[1] - offsets[0] != bytes)
            throw Bad(path, $"tensor '{name}' of {dtype} [{string.Join(",", shape)}] needs {bytes} bytes, "
                + $"its data_offsets span {offsets[1] - offsets[0]}");
        return new SafeTensorsTensorInfo(name, dtype!, shape, offsets[0], offsets[1]);
    }

    static void WriteFile(string path, IReadOnlyList<(SafeTensorsEntry Entry, long Bytes)> entries,
        IReadOnlyDictionary<string, string>? metadata, Action<Stream> writeData)
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
            foreach (var (e, bytes) in entries)
            {
                json.WriteStartObject(e.Name);
                json.WriteString("dtype", e.DType);
                json.WriteStartArray("shape");
                foreach (var d in e.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        // Padded with spaces to a multiple of 8, as the reference writer does, so the data is 8-byte aligned.
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header.GetBuffer().AsSpan(0, (int)header.Length));
            writeData(stream);
        });
    }

    static InvalidDataException Bad(string path, string what) => new($"{path}: not a safetensors file: {what}");
}
