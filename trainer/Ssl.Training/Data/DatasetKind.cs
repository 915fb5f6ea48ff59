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
}
