namespace Ssl.Cloud.Core.Storage;

public sealed class DatasetNotFoundException(string datasetId)
    : Exception($"Dataset '{datasetId}' has no manifest")
{
    public string DatasetId { get; } = datasetId;
}
