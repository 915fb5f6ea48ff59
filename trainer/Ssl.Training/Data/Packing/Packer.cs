using Ssl.Training.IO;

namespace Ssl.Training.Data.Packing;

/// <summary>Turns any dataset source into the packed format: safetensors shards of uint8 <c>[N,C,R,R]</c> images
/// (+ int64 labels) and a <c>manifest.json</c> written last that lists counts per class and every rejected file
/// with its reason. Sources: an image folder or a zip of one (validated file by file; nothing is extracted to
/// disk), an IDX or CIFAR folder, <c>builtin</c>, <c>fashion-mnist</c>. Nothing is written outside
/// <c>outDir</c>, and a shard or manifest is never visible half-written.</summary>
public static class Packer
{
    public static PackResult Pack(string source, string outDir, int resolution, PackOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        options ??= new PackOptions();
        outDir = Path.GetFullPath(outDir);
        var kind = Kind(source);
        if (kind == DatasetKind.ImageFolder && Directory.Exists(source) && IsInside(outDir, Path.GetFullPath(source)))
            throw new DatasetException($"{outDir}: the output folder must not be inside the source folder {source}");

        Directory.CreateDirectory(outDir);
        AtomicFile.CleanUp(outDir);
        // until the new one is written, the folder is incomplete
        File.Delete(Path.Combine(outDir, PackManifest.FileName));
        // A pack continued keeps the hash of the source it began with, which may no longer be whole here.
        var hash = options.Resume?.Plan.SourceHash ?? SourceHash(source, options);
        var manifest = kind == DatasetKind.ImageFolder
            ? FolderPacking.Pack(source, outDir, resolution, options, hash, ct)
            : PackTensors(source, outDir, resolution, options, hash);
        manifest.Write(outDir);
        RemoveStaleShards(outDir, manifest);
        return new PackResult(outDir, manifest);
    }

    /// <summary>The source-listing hash recorded in the manifest and shards (see
    /// <see cref="PackManifest.SourceHash"/>).</summary>
    public static string SourceHash(string source, PackOptions? options = null)
    {
        options ??= new PackOptions();
        var generated = Kind(source) == DatasetKind.Builtin
            ? $"{source}|{options.Dataset.BuiltinTrainCount}|{options.Dataset.BuiltinTestCount}|{options.Dataset.Seed}"
            : "";
        var path = source == DatasetCatalog.FashionMnistSpec ? DatasetCatalog.FashionMnistFolder : source;
        return SourceFingerprint.Of(path, generated);
    }

    static DatasetKind Kind(string source)
    {
        if (File.Exists(source)) return DatasetKind.ImageFolder; // an archive; SourceListing says if it is not one
        if (Directory.Exists(source) && PackedDataset.IsPacked(source))
            throw new DatasetException($"{source}: is already a packed dataset; load it with {nameof(PackedDataset)}");
        return DatasetCatalog.Detect(source);
    }

    static PackManifest PackTensors(string source, string outDir, int resolution, PackOptions options, string hash)
    {
        using var split = DatasetCatalog.Open(source, resolution, options.Dataset with { Color = options.Color });
        var (train, test) = (split.Train, split.Test);
        var color = train.Channels == 1 ? ColorMode.Grayscale : ColorMode.Rgb;
        var classNames = train.Labels is null ? [] : train.ClassNames;
        var header = new PackHeader(source, hash, resolution, train.Channels, color, options.Resize, classNames);
        var writer = header.Writer(outDir, options.ShardBytes);
        var random = new Random(options.Seed);
        foreach (var (dataset, isTest) in new[] { (train, false), (test, true) })
        {
            using var images = dataset.Images.contiguous();
            var labels = dataset.Labels?.data<long>().ToArray();
            var imageBytes = (int)(images.numel() / Math.Max(1, dataset.Count));
            var order = Enumerable.Range(0, dataset.Count).ToArray();
            random.Shuffle(order); // so that no shard holds a single class, whatever the source's order
            foreach (var i in order)
                writer.Add(isTest, labels is null ? -1 : (int)labels[i],
                    images.bytes.Slice(i * imageBytes, imageBytes));
        }
        var (packedTrain, packedTest) = writer.Finish();
        return header.Manifest(packedTrain, packedTest, []);
    }

    static void RemoveStaleShards(string outDir, PackManifest manifest)
    {
        var current = manifest.Train.Shards.Concat(manifest.Test.Shards).Select(s => s.File).ToHashSet();
        // Only files named as this packer names shards: anything else in the folder is not ours to delete.
        foreach (var path in Directory.EnumerateFiles(outDir, "*.safetensors"))
            if (ShardSetWriter.IsShardName(Path.GetFileName(path)) && !current.Contains(Path.GetFileName(path)))
                File.Delete(path);
    }

    static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || !(relative.StartsWith("..") || Path.IsPathRooted(relative));
    }
}
