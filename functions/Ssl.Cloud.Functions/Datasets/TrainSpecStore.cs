using Azure;
using Azure.Storage.Blobs.Models;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>datasets/{id}/train.json</c>: the run to submit once the dataset is Ready, with its run id fixed
/// when the spec is stored, so that every later submit of it (a second commit, a retried tick) is the same
/// run.</summary>
public sealed class TrainSpecStore(DatasetStore datasets)
{
    public async Task<RunSubmission?> GetAsync(string datasetId, CancellationToken ct)
    {
        try
        {
            var content = (await Blob(datasetId).DownloadContentAsync(ct)).Value.Content;
            return content.ToObjectFromJson<RunSubmission>(JsonBody.Options);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Stores the spec unless one is stored; returns the one that is stored now.</summary>
    public async Task<RunSubmission> PutIfAbsentAsync(string datasetId, RunSubmission spec, CancellationToken ct)
    {
        try
        {
            await Blob(datasetId).UploadAsync(BinaryData.FromObjectAsJson(spec, JsonBody.Options), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, ct);
            return spec;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return await GetAsync(datasetId, ct) ?? spec;
        }
    }

    Azure.Storage.Blobs.BlobClient Blob(string datasetId) =>
        datasets.Container.GetBlobClient(BlobLayout.DatasetPrefix(datasetId) + "train.json");
}
