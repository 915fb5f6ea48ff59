using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Submission;
using Ssl.Training.Data;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Finds the data a request's dataset id names and returns a spec for <see cref="DatasetCatalog.Open"/>:
/// the built-in datasets by name (<see cref="BuiltinDatasets"/>), otherwise
/// <c>datasets/{id}</c> in blob storage as a local packed folder: its pack at the training resolution downloaded
/// when the manifest says it is packed, else packed now from the manifest's accepted files and published, so that
/// no later run reads a raw file again.</summary>
public sealed class DatasetResolver(DatasetStore datasets, DatasetPacker packer, PackDownloader downloader,
    IOptions<WorkerOptions> options, ILogger<DatasetResolver> log)
{
    /// <summary>The resolution uploads are trained at (requests carry none).</summary>
    public const int Resolution = DatasetCatalog.DefaultFolderResolution;

    /// <exception cref="RequestRejectedException">No such dataset, it is not ready for training, or its pack is
    /// damaged.</exception>
    public async Task<string> ResolveAsync(string datasetId, CancellationToken ct)
    {
        if (datasetId == DatasetCatalog.FashionMnistSpec) return datasetId;
        if (BuiltinDatasets.TryParseSynthetic(datasetId, out var train, out var test))
            return train is null ? DatasetCatalog.BuiltinSpec
                : $"{DatasetCatalog.BuiltinSpec}:{train}" + (test is null ? "" : $",{test}");

        var manifest = await ReadyManifestAsync(datasetId, ct);
        var folder = Path.Combine(options.Value.WorkDirectory, "datasets", datasetId, "packed",
            Resolution.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var set = manifest.PackedAt(Resolution);
            if (set is null)
            {
                log.LogInformation("Dataset {DatasetId} is not packed at {Resolution}: packing it now",
                    datasetId, Resolution);
                set = (await packer.PackAsync(manifest, Resolution, folder, ct)).PackedAt(Resolution)!;
            }
            // Nothing to fetch after this worker's own pack (its folder is marked complete); another's is fetched.
            await downloader.DownloadAsync(datasetId, set, folder, ct);
        }
        catch (DatasetException e)
        {
            throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"dataset '{datasetId}': {e.Message}", e);
        }
        return folder;
    }

    async Task<DatasetManifest> ReadyManifestAsync(string datasetId, CancellationToken ct)
    {
        var manifest = (await datasets.GetManifestAsync(datasetId, ct))?.Value
            ?? throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"dataset '{datasetId}' does not exist: no datasets/{datasetId}/manifest.json, and it is not a "
                + $"built-in dataset ({DatasetCatalog.BuiltinSpec}, {DatasetCatalog.BuiltinSpec}-TRAIN-TEST, "
                + $"{DatasetCatalog.FashionMnistSpec})");
        if (manifest.Status != DatasetStatus.Ready)
            throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"dataset '{datasetId}' is {manifest.Status.ToString().ToLowerInvariant()}, not ready: "
                + $"{manifest.StatusReason ?? "no reason given"}");
        return manifest;
    }
}
