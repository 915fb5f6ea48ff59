using Ssl.Training.Data.Packing;
using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>Opens a dataset from a spec: <c>builtin</c> (optionally <c>builtin:TRAIN</c> or <c>builtin:TRAIN,TEST</c>),
/// <c>fashion-mnist</c> (Debian's package), or a folder whose contents say what it is: a packed dataset, IDX files,
/// CIFAR binary batches, otherwise an image folder. Image folders and zip archives of them are packed into the
/// cache on first use (<see cref="EnsurePacked"/>) and loaded from there.</summary>
public static class DatasetCatalog
{
    public const string BuiltinSpec = "builtin";
    public const string FashionMnistSpec = "fashion-mnist";
    public const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Resolution of decoded image folders when none is asked for.</summary>
    public const int DefaultFolderResolution = 32;

    /// <param name="resolution">Square side of the returned images; null keeps IDX and CIFAR at their own size and
    /// decodes folders at <see cref="DefaultFolderResolution"/>.</param>
    public static DatasetSplit Open(string spec, int? resolution = null, DatasetOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        options ??= new DatasetOptions();
        if (resolution is < 1)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "must be positive");
        if (options.TrainLimit is < 1)
            throw new DatasetException($"{spec}: the train limit {options.TrainLimit} must be positive");

        if (IsBuiltin(spec)) return OpenBuiltin(spec, resolution, options);
        var path = spec == FashionMnistSpec ? FashionMnistFolder : spec;
        if (spec == FashionMnistSpec && !IdxReader.IsIdxFolder(path))
            throw new DatasetException(
                $"{path}: Fashion-MNIST is not installed there; install it with `apt-get " +
                $"install dataset-fashion-mnist`");

        var split = Detect(path) switch
        {
            DatasetKind.Idx => IdxReader.Read(path),
            DatasetKind.Cifar => CifarReader.Read(path, options.CifarCoarseLabels),
            DatasetKind.Packed => PackedDataset.Open(path).Load(),
            _ => PackedDataset.Open(EnsurePacked(path, resolution, options).OutputDirectory).Load(),
        };
        return Convert(Limit(split, options), resolution, options.Color);
    }

    /// <summary>Opens <paramref name="spec"/> for training within <paramref name="memoryBudgetBytes"/>: a dataset
    /// that fits is loaded whole as by <see cref="Open"/>; a packed one (or an image folder, once packed) that does
    /// not is streamed from its shards, and its probes use a sample (<see cref="TrainingData"/>).</summary>
    public static TrainingData OpenForTraining(string spec, int? resolution, DatasetOptions options,
        long memoryBudgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryBudgetBytes, 1);
        return OpenForTraining(spec, resolution, options, _ => memoryBudgetBytes);
    }

    /// <summary>As above, with the data's budget decided once the pack is open: <paramref name="dataBudget"/> gets
    /// it (an image folder or zip packed first; null for a dataset that is always loaded whole: built-in, IDX,
    /// CIFAR) and returns the bytes the data may hold, e.g. what the model's training step leaves of a process
    /// budget (<see cref="Loop.ModelFootprint.DataShare"/>).</summary>
    public static TrainingData OpenForTraining(string spec, int? resolution, DatasetOptions options,
        Func<PackedDataset?, long> dataBudget)
    {
        var kind = Detect(spec);
        var folder = kind switch
        {
            DatasetKind.Packed => spec,
            DatasetKind.ImageFolder or DatasetKind.Archive => EnsurePacked(spec, resolution, options).OutputDirectory,
            _ => null,
        };
        var packed = folder is null ? null : PackedDataset.Open(folder);
        var memoryBudgetBytes = dataBudget(packed);
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryBudgetBytes, 1);
        if (packed is null) return TrainingData.Resident(Open(spec, resolution, options));
        if (packed.FitsIn(memoryBudgetBytes)) return TrainingData.Resident(Open(folder!, resolution, options));

        var m = packed.Manifest;
        var why = $"{spec}: {packed.SizeBytes} bytes of images exceed the memory budget of {memoryBudgetBytes}, "
            + "so they are streamed";
        if (resolution is { } r && r != m.Resolution)
            throw new DatasetException(
                $"{why}, which needs them packed at the resolution asked for ({r}, the pack has {m.Resolution})");
        if (options.Color is { } c && c != m.Color)
            throw new DatasetException(
                $"{why}, which needs them packed in the colour mode asked for ({c}, the pack has {m.Color})");
        if (options.TrainLimit is not null)
            throw new DatasetException(
                $"{why}, and a train limit applies only to a dataset loaded whole: raise the budget or pack a subset");
        return TrainingData.Stream(packed, memoryBudgetBytes, options.Seed);
    }

    /// <summary>The cached pack of an image folder or zip archive, packed now unless the cache holds one of the
    /// same source listing and options (<see cref="PackCache"/>): files are decoded and validated once, and bad
    /// ones are listed in the pack's manifest instead of failing the run.</summary>
    public static PackResult EnsurePacked(string path, int? resolution, DatasetOptions options) =>
        PackCache.Ensure(path, resolution ?? DefaultFolderResolution, new PackOptions
        {
            Color = options.Color, TestFraction = options.TestFraction, Limits = options.Limits, Seed = options.Seed,
        }, options.CacheDirectory);

    /// <summary>What <paramref name="spec"/> names, judged by the spec itself or the folder's contents.</summary>
    public static DatasetKind Detect(string spec)
    {
        if (IsBuiltin(spec)) return DatasetKind.Builtin;
        var path = spec == FashionMnistSpec ? FashionMnistFolder : spec;
        if (File.Exists(path))
            return IsZip(path)
                ? DatasetKind.Archive
                : throw new DatasetException(
                    $"{path}: is a file but not a zip archive; give the folder that holds the dataset");
        if (!Directory.Exists(path))
            throw new DatasetException(
                $"{path}: no such folder, and not a known dataset name ({BuiltinSpec}, {FashionMnistSpec})");
        if (PackedDataset.IsPacked(path)) return DatasetKind.Packed;
        if (IdxReader.IsIdxFolder(path)) return DatasetKind.Idx;
        if (CifarReader.IsCifarFolder(path)) return DatasetKind.Cifar;
        return DatasetKind.ImageFolder;
    }

    static bool IsZip(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\x03\x04"u8);
    }

    static bool IsBuiltin(string spec) =>
        spec == BuiltinSpec || spec.StartsWith(BuiltinSpec + ":", StringComparison.Ordinal);

    static DatasetSplit OpenBuiltin(string spec, int? resolution, DatasetOptions options)
    {
        var (train, test) = (options.BuiltinTrainCount, options.BuiltinTestCount);
        if (spec.Length > BuiltinSpec.Length)
        {
            var counts = spec[(BuiltinSpec.Length + 1)..].Split(',');
            if (counts.Length > 2 || !int.TryParse(counts[0], out train) || train < 1
                || (counts.Length == 2 && (!int.TryParse(counts[1], out test) || test < 0)))
                throw new DatasetException(
                    $"{spec}: expected {BuiltinSpec}, {BuiltinSpec}:TRAIN or " +
                    $"{BuiltinSpec}:TRAIN,TEST with positive counts");
        }
        var split = SyntheticShapes.Create(Math.Min(train, options.TrainLimit ?? train), test, resolution ?? 32,
            options.Seed);
        return Convert(split, null, options.Color);
    }

    static DatasetSplit Convert(DatasetSplit split, int? resolution, ColorMode? color)
    {
        var train = TensorResize.Apply(split.Train, resolution, color);
        var test = TensorResize.Apply(split.Test, resolution, color);
        if (!ReferenceEquals(train, split.Train)) split.Train.Dispose();
        if (!ReferenceEquals(test, split.Test)) split.Test.Dispose();
        return new DatasetSplit(train, test);
    }

    static DatasetSplit Limit(DatasetSplit split, DatasetOptions options)
    {
        if (options.TrainLimit is not { } limit || limit >= split.Train.Count) return split;
        var random = new Random(options.Seed);
        var keep = Enumerable.Range(0, split.Train.Count).ToArray();
        random.Shuffle(keep);
        var indices = keep.Take(limit).Order().Select(i => (long)i).ToArray();
        using var index = tensor(indices);
        var t = split.Train;
        var train = new ImageDataset(t.Name, t.Images.index_select(0, index), t.Labels?.index_select(0, index),
            t.ClassNames);
        t.Dispose();
        return new DatasetSplit(train, split.Test);
    }
}
