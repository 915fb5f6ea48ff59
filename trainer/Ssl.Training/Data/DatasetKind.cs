namespace Ssl.Training.Data;

/// <summary>What a dataset spec or path turned out to be.</summary>
public enum DatasetKind
{
    /// <summary>The in-code <see cref="SyntheticShapes"/>.</summary>
    Builtin,

    /// <summary>MNIST-style IDX files (<see cref="IdxReader"/>).</summary>
    Idx,

    /// <summary>CIFAR-10/100 binary batches (<see cref="CifarReader"/>).</summary>
    Cifar,

    /// <summary>Image files, class = sub-folder (<see cref="ImageFolderReader"/>).</summary>
    ImageFolder,

    /// <summary>A folder written by <see cref="Packing.Packer"/> (<see cref="Packing.PackedDataset"/>).</summary>
    Packed,

    /// <summary>A zip archive of an image folder, packed into the cache on first use.</summary>
    Archive,
}
