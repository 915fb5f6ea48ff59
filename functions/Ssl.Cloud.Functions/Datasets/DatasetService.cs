using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Storage;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>DESIGN.md §3 steps 1-2: a dataset id, upload links page by page (large data goes straight to blob), then
/// the commit that starts validation (<see cref="DatasetValidation"/>) and answers within its time budget.</summary>
public sealed class DatasetService(DatasetStore datasets, TrainSpecStore specs, DatasetValidation validation,
    RunService runs, SasIssuer sas, TimeProvider time, IOptions<PipelineOptions> options, ILogger<DatasetService> log)
{
    public string NewDatasetId() =>
        $"ds-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4))}";

    /// <summary>Problems with a train spec, keyed <c>train.*</c>; the spec with its run id fixed when there are
    /// none.</summary>
    public (RunSubmission? Spec, List<FieldError> Errors) CheckTrain(string datasetId, RunSubmission? train)
    {
        if (train is null) return (null, []);
        var errors = new List<FieldError>();
        if (train.DatasetId is not null && train.DatasetId != datasetId)
            errors.Add(new FieldError("train.datasetId", "must be absent: the run trains on this dataset"));
        var spec = train with { DatasetId = datasetId, RunId = train.RunId ?? runs.NewRunId() };
        var (_, result) = runs.Prepare(spec);
        errors.AddRange(result.Errors.Select(e => e with { Field = "train." + e.Field }));
        return (errors.Count == 0 ? spec : null, errors);
    }

    /// <returns>The manifest, and whether this call created the dataset.</returns>
    /// <exception cref="DatasetStateException">It exists and no longer takes uploads, or has another train
    /// spec.</exception>
    public async Task<(DatasetManifest Manifest, bool Created)> CreateAsync(
        string datasetId, RunSubmission? spec, CancellationToken ct)
    {
        var created = false;
        var existing = await datasets.GetManifestAsync(datasetId, ct);
        if (existing is null)
        {
            try
            {
                await datasets.WriteManifestAsync(Uploading(datasetId), ifMatch: null, ct);
                created = true;
            }
            catch (ConcurrencyConflictException)
            {
                // Another create of the same id won; treat it as ours if it is still uploading.
            }
            existing = await datasets.GetManifestAsync(datasetId, ct);
        }
        var manifest = existing!.Value;
        if (!created && manifest.Status != DatasetStatus.Uploading)
            throw new DatasetStateException(
                $"dataset '{datasetId}' is {manifest.Status}, not Uploading; it takes no more uploads");
        if (spec is not null) await StoreSpecAsync(datasetId, spec, ct);
        log.LogInformation("Dataset {DatasetId} {Action} (train spec: {HasSpec})",
            datasetId, created ? "created" : "opened again", spec is not null);
        return (manifest, created);
    }

    /// <summary>One write-only link per file, and whether the same bytes are there already.</summary>
    /// <exception cref="DatasetNotFoundException">No such dataset.</exception>
    /// <exception cref="DatasetStateException">The dataset no longer takes uploads.</exception>
    public async Task<IReadOnlyList<UploadLink>> LinksAsync(
        string datasetId, IReadOnlyList<UploadFile> files, CancellationToken ct)
    {
        await RequireUploadingAsync(datasetId, ct);
        var present = new Dictionary<string, BlobProperties>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (file, c) =>
        {
            var blob = datasets.Container.GetBlobClient(BlobLayout.DatasetRawFile(datasetId, file.Path));
            try
            {
                var properties = (await blob.GetPropertiesAsync(cancellationToken: c)).Value;
                lock (present) present[file.Path] = properties;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
            }
        });
        var expires = sas.ExpiresAt();
        var links = new List<UploadLink>(files.Count);
        foreach (var file in files)
        {
            var blob = datasets.Container.GetBlobClient(BlobLayout.DatasetRawFile(datasetId, file.Path));
            var same = present.TryGetValue(file.Path, out var p) && p.ContentLength == file.Length
                && (file.Md5 is null
                    || (p.ContentHash is { Length: > 0 } hash && Convert.ToBase64String(hash) == file.Md5));
            links.Add(new UploadLink(file.Path,
                same ? null : await sas.WriteLinkAsync(blob, ct), expires, same));
        }
        log.LogInformation(
            "Dataset {DatasetId}: {LinkCount} upload link(s), {Present} already uploaded, until {ExpiresAt}",
            datasetId, files.Count, links.Count(l => l.Exists), expires);
        return links;
    }

    /// <summary>Moves the dataset to Validating (once) and validates for up to the commit budget.</summary>
    /// <exception cref="DatasetNotFoundException">No such dataset.</exception>
    /// <exception cref="DatasetStateException">A train spec that differs from the stored one.</exception>
    public async Task<DatasetManifest> CommitAsync(string datasetId, RunSubmission? spec, CancellationToken ct)
    {
        if (spec is not null) await StoreSpecAsync(datasetId, spec, ct);
        var manifest = await datasets.UpdateManifestAsync(datasetId, m => m.Status == DatasetStatus.Uploading
            ? m with { Status = DatasetStatus.Validating, UpdatedAt = time.GetUtcNow() }
            : m, ct);
        if (manifest.Status != DatasetStatus.Validating) return manifest;
        return await validation.ContinueAsync(datasetId, options.Value.CommitBudget, ct)
            ?? manifest;
    }

    async Task StoreSpecAsync(string datasetId, RunSubmission spec, CancellationToken ct)
    {
        var stored = await specs.PutIfAbsentAsync(datasetId, spec, ct);
        if (!SameSettings(stored, spec))
            throw new DatasetStateException(
                $"dataset '{datasetId}' already has a different train spec (run '{stored.RunId}')");
    }

    static bool SameSettings(RunSubmission a, RunSubmission b) =>
        System.Text.Json.JsonSerializer.Serialize(a with { RunId = null }, Http.JsonBody.Options)
        == System.Text.Json.JsonSerializer.Serialize(b with { RunId = null }, Http.JsonBody.Options);

    async Task RequireUploadingAsync(string datasetId, CancellationToken ct)
    {
        var manifest = await datasets.GetManifestAsync(datasetId, ct)
            ?? throw new DatasetNotFoundException(datasetId);
        if (manifest.Value.Status != DatasetStatus.Uploading)
            throw new DatasetStateException(
                $"dataset '{datasetId}' is {manifest.Value.Status}, not Uploading; it takes no more uploads");
    }

    DatasetManifest Uploading(string datasetId) =>
        new() { DatasetId = datasetId, Status = DatasetStatus.Uploading, UpdatedAt = time.GetUtcNow() };
}
