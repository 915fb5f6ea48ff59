namespace Ssl.Cloud.Core.Storage;

/// <summary>The lease expired and another worker took it: stop working on what it guards.</summary>
public sealed class LeaseLostException(string name, Exception? inner = null)
    : Exception($"The lease on {name} was lost to another holder", inner)
{
    /// <summary>What the lease guarded (<see cref="BlobLease.Name"/>).</summary>
    public string Name { get; } = name;
}
