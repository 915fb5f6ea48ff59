using Ssl.Training.IO;

namespace Ssl.Training.Data.Packing;

/// <summary>Reads one shard of a packed dataset, checking it against its manifest entry.</summary>
internal static class ShardReader
{
    public static void ReadInto(string folder, PackedShard shard, PackManifest manifest, Span<byte> images,
        Span<long> labels)
    {
        var path = Path.Combine(folder, shard.File);
        if (!File.Exists(path)) throw new DatasetException($"{path}: shard listed in the manifest is missing");
        SafeTensorsHeader header;
        try
        {
            header = SafeTensors.ReadHeader(path);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException(e.Message, e);
        }
        var (metadata, dataStart) = (header.Metadata, header.DataStart);
        var imageInfo = header.Find("images")
            ?? throw new DatasetException($"{path}: shard has no images tensor");
        long[] expected = [shard.Count, manifest.Channels, manifest.Resolution, manifest.Resolution];
        if (imageInfo.DType != "U8" || !imageInfo.Shape.SequenceEqual(expected))
            throw new DatasetException(
                $"{path}: images are {imageInfo.DType} [{string.Join(",", imageInfo.Shape)}], the manifest says U8 " +
                $"[{string.Join(",", expected)}]");
        if (metadata.GetValueOrDefault("source_hash") is { } hash && hash != manifest.SourceHash)
            throw new DatasetException(
                $"{path}: shard is from another pack (source hash {hash}, manifest {manifest.SourceHash})");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        stream.Position = dataStart + imageInfo.Begin;
        stream.ReadExactly(images);
        if (!manifest.Labelled) return;
        var labelInfo = header.Find("labels");
        if (labelInfo is null || labelInfo.DType != "I64" || !labelInfo.Shape.SequenceEqual([(long)shard.Count]))
            throw new DatasetException($"{path}: labels must be I64 [{shard.Count}]");
        stream.Position = dataStart + labelInfo.Begin;
        stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels));
        foreach (var label in labels)
            if (label < 0 || label >= manifest.ClassNames.Count)
                throw new DatasetException($"{path}: label {label} is outside the {manifest.ClassNames.Count} classes");
    }
}
