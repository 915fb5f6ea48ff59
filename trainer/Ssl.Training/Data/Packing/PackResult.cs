namespace Ssl.Training.Data.Packing;

/// <summary>What <see cref="Packer.Pack"/> wrote.</summary>
public sealed record PackResult(string OutputDirectory, PackManifest Manifest)
{
    public int Taken => Manifest.Train.Count + Manifest.Test.Count;

    public int RejectedCount => Manifest.Rejected.Count;

    /// <summary>One line for a command's output.</summary>
    public string Summary =>
        $"packed {Taken} images ({Manifest.Train.Count} train, {Manifest.Test.Count} test, " +
        $"{Manifest.ClassNames.Count} classes) at {Manifest.Resolution}x{Manifest.Resolution}x{Manifest.Channels} " +
        $"into {Manifest.Train.Shards.Count + Manifest.Test.Shards.Count} shard(s); " +
        $"rejected {RejectedCount}";
}
