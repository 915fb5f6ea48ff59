using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Data;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Finds the data a request's dataset id names and returns a spec for <see cref="DatasetCatalog.Open"/>:
/// the built-in datasets by name (<c>builtin</c>, <c>builtin-TRAIN</c>, <c>builtin-TRAIN-TEST</c> — the
/// <c>builtin:TRAIN,TEST</c> of <c>ssl train</c> spelt as an identifier — and <c>fashion-mnist</c>), otherwise
/// <c>datasets/{id}</c> in blob storage: its validated manifest, then its raw upload downloaded into the work
/// directory (an image folder, or one archive that the pack cache packs on first use).</summary>
public sealed partial class DatasetResolver(DatasetStore datasets, IOptions<WorkerOptions> options, ILogger<DatasetResolver> log)
{
    const string CompleteMarker = ".complete";

    /// <exception cref="RequestRejectedException">No such dataset, or it is not ready for training.</exception>
    public async Task<string> ResolveAsync(string datasetId, CancellationToken ct)
    {
        if (datasetId == DatasetCatalog.BuiltinSpec || datasetId == DatasetCatalog.FashionMnistSpec) return datasetId;
        if (Builtin().Match(datasetId) is { Success: true } builtin)
            return $"{DatasetCatalog.BuiltinSpec}:{builtin.Groups["train"].Value}" + (builtin.Groups["test"].Success ? $",{builtin.Groups["test"].Value}" : "");

        var manifest = (await datasets.GetManifestAsync(datasetId, ct).ConfigureAwait(false))?.Value
            ?? throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"dataset '{datasetId}' does not exist: no datasets/{datasetId}/manifest.json, and it is not a built-in dataset ({DatasetCatalog.BuiltinSpec}, {DatasetCatalog.BuiltinSpec}-TRAIN-TEST, {DatasetCatalog.FashionMnistSpec})");
        if (manifest.Status != DatasetStatus.Ready)
            throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                $"dataset '{datasetId}' is {manifest.Status.ToString().ToLowerInvariant()}, not ready: {manifest.StatusReason ?? "no reason given"}");
        return await DownloadRawAsync(datasetId, manifest, ct).ConfigureAwait(false);
    }

    async Task<string> DownloadRawAsync(string datasetId, DatasetManifest manifest, CancellationToken ct)
    {
        var folder = Path.Combine(options.Value.WorkDirectory, "datasets", datasetId, "raw");
        var marker = Path.Combine(folder, CompleteMarker);
        var version = manifest.UpdatedAt.ToString("O");
        if (!File.Exists(marker) || await File.ReadAllTextAsync(marker, ct).ConfigureAwait(false) != version)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            var files = await datasets.ListRawFilesAsync(datasetId, ct).ConfigureAwait(false);
            if (files.Count == 0 || files.Count > options.Value.MaxRawFiles)
                throw new RequestRejectedException(RequestRejectedException.DatasetNotFound,
                    $"dataset '{datasetId}' has {files.Count} raw files; expected 1 to {options.Value.MaxRawFiles}");
            log.LogInformation("Downloading {FileCount} raw files of dataset {DatasetId}", files.Count, datasetId);
            foreach (var file in files)
            {
                var local = Path.Combine(folder, BlobLayout.RelativePath(file.Name));
                Directory.CreateDirectory(Path.GetDirectoryName(local)!);
                await using var stream = File.Create(local);
                await datasets.DownloadRawFileAsync(datasetId, file.Name, stream, ct).ConfigureAwait(false);
            }
            await File.WriteAllTextAsync(marker, version, ct).ConfigureAwait(false);
        }
        var content = Directory.EnumerateFileSystemEntries(folder).Where(p => Path.GetFileName(p) != CompleteMarker).ToList();
        return content.Count == 1 && File.Exists(content[0]) ? content[0] : folder;
    }

    [GeneratedRegex(@"^builtin-(?<train>[0-9]{1,7})(-(?<test>[0-9]{1,7}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Builtin();
}
