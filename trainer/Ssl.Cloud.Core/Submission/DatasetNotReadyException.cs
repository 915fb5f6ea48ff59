using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Submission;

/// <summary>A run names a dataset that exists but cannot be trained on yet (or ever).</summary>
public sealed class DatasetNotReadyException(string datasetId, DatasetStatus status)
    : Exception($"dataset '{datasetId}' is {status}, not Ready")
{
    public string DatasetId { get; } = datasetId;
    public DatasetStatus Status { get; } = status;
}
