using System.Diagnostics;
using Azure;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Archives;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Http;
using Ssl.Imaging;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>Validation of a committed dataset, in slices of a time budget: under a lease on
/// <c>validation.json</c> (two ticks never do the same dataset at once), it validates the raw blobs not yet done,
/// saves its progress, and when every blob is done writes the manifest (Ready or Rejected) and submits the
/// dataset's train spec through <see cref="RunService"/> (once: the spec's run id is fixed). A Ready dataset is
/// also sent to the pack queue when there is one (<see cref="PipelineOptions.PackQueueName"/>), before its run.
/// </summary>
public sealed class DatasetValidation(DatasetStore datasets, TrainSpecStore specs, RunService runs, ImageCheck images,
    ZipCheck zips, TimeProvider time, IOptions<PipelineOptions> options, ILogger<DatasetValidation> log,
    PackQueue? packs = null)
{
    const int ParallelReads = 8;

    /// <returns>The manifest when this slice finished the dataset, else null (more to do, or another holds the
    /// lease).</returns>
    public async Task<DatasetManifest?> ContinueAsync(string datasetId, TimeSpan budget, CancellationToken ct)
    {
        var progressBlob = datasets.Container.GetBlobClient(BlobLayout.DatasetPrefix(datasetId) + "validation.json");
        try
        {
            await progressBlob.UploadAsync(BinaryData.FromObjectAsJson(new ValidationProgress(), JsonBody.Options),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Progress from an earlier slice: go on from it.
        }
        var lease = progressBlob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(options.Value.ValidationLease, cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            log.LogDebug("Dataset {DatasetId}: validation is leased elsewhere", datasetId);
            return null;
        }
        try
        {
            return await SliceAsync(datasetId, progressBlob, lease.LeaseId, budget, ct);
        }
        finally
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
    }

    async Task<DatasetManifest?> SliceAsync(
        string datasetId, BlobClient progressBlob, string leaseId, TimeSpan budget, CancellationToken ct)
    {
        var manifest = await datasets.GetManifestAsync(datasetId, ct)
            ?? throw new DatasetNotFoundException(datasetId);
        if (manifest.Value.Status != DatasetStatus.Validating) return manifest.Value;
        var progress = (await progressBlob.DownloadContentAsync(ct)).Value.Content
            .ToObjectFromJson<ValidationProgress>(JsonBody.Options)!;
        var raw = await datasets.ListRawFilesAsync(datasetId, ct);
        var done = progress.Done.ToHashSet(StringComparer.Ordinal);
        var todo = raw.Where(f => !done.Contains(f.Name)).ToList();
        var clock = Stopwatch.StartNew();
        if (raw.Count > options.Value.MaxCommitFiles)
        {
            progress.Rejected.Add(new RejectedFile("raw/",
                $"{raw.Count} files; a dataset may have at most {options.Value.MaxCommitFiles}"));
            progress.Done.AddRange(todo.Select(f => f.Name));
            todo.Clear();
        }
        await Parallel.ForEachAsync(todo,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct }, async (file, c) =>
        {
            if (clock.Elapsed > budget) return; // the rest waits for the next slice
            var verdict = await JudgeAsync(datasetId, file, c);
            lock (progress)
            {
                progress.Accepted.AddRange(verdict.Accepted);
                progress.Rejected.AddRange(verdict.Rejected);
                progress.Done.Add(file.Name);
            }
        });
        await progressBlob.UploadAsync(BinaryData.FromObjectAsJson(progress, JsonBody.Options), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { LeaseId = leaseId },
        }, ct);
        var remaining = raw.Count - progress.Done.Count;
        log.LogInformation(
            "Dataset {DatasetId}: {Done} of {Total} raw file(s) validated in this slice's {Seconds:F1} s",
            datasetId, progress.Done.Count, raw.Count, clock.Elapsed.TotalSeconds);
        return remaining > 0
            ? null
            : await FinishAsync(datasetId, manifest, progress, raw.Count, ct);
    }

    async Task<FileVerdict> JudgeAsync(string datasetId, ArtifactInfo file, CancellationToken ct)
    {
        var blob = datasets.Container.GetBlobClient(BlobLayout.DatasetRawFile(datasetId, file.Name));
        if (BlobZipArchive.IsArchive(file.Name))
            return await zips.JudgeAsync(blob, file.Name, ct);
        if (file.SizeBytes > options.Value.MaxFileBytes)
            return images.Judge(file.Name, file.Name, file.SizeBytes, []);
        var response = await blob.DownloadStreamingAsync(
                new BlobDownloadOptions { Range = new HttpRange(0, ImageHeader.ReadBytes) }, ct);
        await using var content = response.Value.Content;
        return images.Judge(file.Name, file.Name, file.SizeBytes,
            await ImageCheck.ReadHeadAsync(content, ct));
    }

    async Task<DatasetManifest> FinishAsync(string datasetId, Versioned<DatasetManifest> current,
        ValidationProgress progress, int rawCount, CancellationToken ct)
    {
        var spec = await specs.GetAsync(datasetId, ct);
        var manifest = DatasetManifest.FromValidation(datasetId,
            [.. progress.Accepted.OrderBy(f => f.Path, StringComparer.Ordinal)],
            [.. progress.Rejected.OrderBy(r => r.Path, StringComparer.Ordinal)], time.GetUtcNow());
        if (rawCount == 0)
            manifest = manifest with { StatusReason = "nothing was uploaded under raw/" };
        // The run id goes in with Ready, before the submit: a reader never sees Ready without the run it will get.
        if (manifest.Status == DatasetStatus.Ready && spec is not null)
            manifest = manifest with { RunId = spec.RunId };
        await datasets.WriteManifestAsync(manifest, current.ETag, ct);
        log.LogInformation(
            "Dataset {DatasetId} validated: {Status}, {Accepted} accepted, {Rejected} rejected, {Classes} classes",
            datasetId, manifest.Status, manifest.Files.Count, manifest.Rejected.Count, manifest.Classes.Count);
        if (manifest.Status == DatasetStatus.Ready) await RequestPackAsync(datasetId, ct);
        if (manifest.RunId is not null)
            manifest = await SubmitTrainAsync(manifest, spec!, ct);
        return manifest;
    }

    /// <summary>One pack request per dataset and resolution: its message id makes the broker drop a second one.
    /// A failure to send is logged, not thrown: the manifest is already Ready, and the first run packs the dataset
    /// itself when it finds it unpacked.</summary>
    async Task RequestPackAsync(string datasetId, CancellationToken ct)
    {
        if (packs is null) return;
        try
        {
            await packs.SendAsync(datasetId, PackRequest.TrainingResolution, ct);
            log.LogInformation("Dataset {DatasetId}: pack at {Resolution} requested on {Queue}",
                datasetId, PackRequest.TrainingResolution, packs.QueueName);
        }
        catch (ServiceBusException e)
        {
            log.LogWarning(e, "Dataset {DatasetId}: the pack request could not be sent to {Queue}; its first run "
                + "packs it", datasetId, packs.QueueName);
        }
    }

    async Task<DatasetManifest> SubmitTrainAsync(DatasetManifest manifest, RunSubmission spec, CancellationToken ct)
    {
        var (request, validation) = runs.Prepare(spec with { DatasetId = manifest.DatasetId });
        try
        {
            if (!validation.IsValid) throw new Ssl.Cloud.Core.Validation.RequestValidationException(validation);
            await runs.SubmitAsync(request, ct);
            log.LogInformation("Dataset {DatasetId}: train-on-commit run {RunId} submitted",
                manifest.DatasetId, request.RunId);
            return manifest;
        }
        catch (Exception e) when (SubmissionProblems.From(e) is not null)
        {
            log.LogError("Dataset {DatasetId}: train-on-commit run {RunId} refused: {Reason}",
                manifest.DatasetId, request.RunId, e.Message);
            return await datasets.UpdateManifestAsync(manifest.DatasetId,
                m => m with { StatusReason = $"train-on-commit run '{request.RunId}' refused: {e.Message}" }, ct);
        }
    }
}
