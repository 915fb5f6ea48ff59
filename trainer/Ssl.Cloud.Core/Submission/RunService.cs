using Microsoft.Extensions.Logging;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Core.Submission;

/// <summary>The one way a run is submitted (DESIGN.md §3, step 3), whoever submits it: <c>POST /api/runs</c>,
/// train-on-commit, a schedule, or <c>ssl</c> straight to storage. Validate the fields, check that the dataset
/// is Ready and that a warm-start source fits, write <c>request.json</c> and a Queued status, send one message
/// whose MessageId is the run id. Every step is idempotent, so a retried submit, a double schedule firing or a
/// crash between the steps ends with one run and one message.</summary>
public sealed class RunService(RunStore runs, DatasetStore datasets, TrainingQueue queue,
    TrainingRequestValidator validator, TimeProvider time, ILogger<RunService> log)
{
    /// <summary>A validator over the names of <see cref="TrainerCatalog"/>.</summary>
    public static TrainingRequestValidator CatalogValidator() =>
        new(TrainerCatalog.Methods.ToHashSet(StringComparer.Ordinal),
            TrainerCatalog.Encoders.ToHashSet(StringComparer.Ordinal));

    /// <summary>A fresh run id for a submit that names none: sortable by time, unique by its random tail.</summary>
    public string NewRunId()
    {
        var now = time.GetUtcNow();
        return $"run-{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4))}";
    }

    /// <summary>The request a body describes and every problem with it (missing fields and invalid values).</summary>
    public (TrainingRequest Request, ValidationResult Validation) Prepare(
        RunSubmission body, ScheduleOrigin? schedule = null, DateTimeOffset? requestedAt = null)
    {
        var runId = body.RunId ?? NewRunId();
        var (request, missing) = body.ToRequest(runId, requestedAt ?? time.GetUtcNow(), schedule);
        var missingFields = missing.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var errors = missing
            .Concat(validator.Validate(request).Errors.Where(e => !missingFields.Contains(e.Field)))
            .ToList();
        return (request, new ValidationResult(errors));
    }

    /// <summary>Stores and enqueues <paramref name="request"/>. The same request again (only
    /// <see cref="TrainingRequest.RequestedAt"/> may differ) returns the stored run and sends at most a
    /// duplicate that the broker drops.</summary>
    /// <exception cref="RequestValidationException">The request is invalid.</exception>
    /// <exception cref="DatasetNotFoundException">No such dataset.</exception>
    /// <exception cref="DatasetNotReadyException">The dataset is still uploading or validating, or was
    /// rejected.</exception>
    /// <exception cref="WarmStartRejectedException">The warm-start source is missing, unfinished or
    /// incompatible.</exception>
    /// <exception cref="RunAlreadyExistsException">The run id is taken by a different request.</exception>
    public async Task<RunSubmitted> SubmitAsync(TrainingRequest request, CancellationToken ct)
    {
        var validation = validator.Validate(request);
        if (!validation.IsValid) throw new RequestValidationException(validation);

        // A stored run is answered as stored: its dataset or source may have changed since it was accepted.
        if (await runs.GetRequestAsync(request.RunId, ct) is null)
        {
            await CheckDatasetAsync(request.DatasetId, ct);
            await CheckWarmStartAsync(request, ct);
        }

        var created = true;
        try
        {
            await runs.CreateAsync(request, ct);
        }
        catch (RunAlreadyExistsException)
        {
            var stored = await runs.GetRequestAsync(request.RunId, ct);
            if (stored is null || !SameRequest(stored, request)) throw;
            request = stored;
            created = false;
        }

        var status = (await runs.GetStatusAsync(request.RunId, ct))?.Value
            ?? throw new RunNotFoundException(request.RunId);
        // Only a queued run needs its message: a live or finished run has had it. Sending again for a queued
        // run covers a submit that stored the run and died before sending; the broker drops the duplicate.
        if (status.State == RunState.Queued)
            await queue.SendAsync(request, ct);
        log.LogInformation(
            "Run {RunId} for dataset {DatasetId} is {State} (new: {Created}, warm start: {WarmStartRunId})",
            request.RunId, request.DatasetId, status.State, created, request.WarmStartRunId);
        return new RunSubmitted(request, status, created);
    }

    async Task CheckDatasetAsync(string datasetId, CancellationToken ct)
    {
        if (BuiltinDatasets.TryParseSynthetic(datasetId, out _, out _)) return; // the worker makes it
        if (datasetId == BuiltinDatasets.FashionMnist)
            throw new RequestValidationException(new ValidationResult([new FieldError("datasetId",
                $"'{BuiltinDatasets.FashionMnist}' is a built-in dataset of local `ssl train` only: the trainer "
                + "image does not ship its files. Upload it as a dataset (ssl datasets upload), or use "
                + $"'{BuiltinDatasets.Synthetic}' (synthetic shapes, no upload)")]));
        var manifest = await datasets.GetManifestAsync(datasetId, ct)
            ?? throw new DatasetNotFoundException(datasetId);
        if (manifest.Value.Status != DatasetStatus.Ready)
            throw new DatasetNotReadyException(datasetId, manifest.Value.Status);
    }

    /// <summary>The source must be a Succeeded run of the same method, encoder and width: its final checkpoint
    /// then has exactly the tensors this run builds. (Images are decoded to the same channels for every
    /// upload.)</summary>
    async Task CheckWarmStartAsync(TrainingRequest request, CancellationToken ct)
    {
        if (request.WarmStartRunId is not { } sourceId) return;
        const string Field = "warmStartRunId";
        var source = await runs.GetRequestAsync(sourceId, ct)
            ?? throw new WarmStartRejectedException(Field, $"run '{sourceId}' does not exist");
        var status = (await runs.GetStatusAsync(sourceId, ct))?.Value;
        if (status?.State != RunState.Succeeded)
            throw new WarmStartRejectedException(Field,
                $"run '{sourceId}' is {status?.State.ToString() ?? "without a status"}, not Succeeded");
        if (source.Method != request.Method)
            throw new WarmStartRejectedException("method",
                $"'{request.Method}' differs from '{source.Method}' of run '{sourceId}'");
        if (source.Encoder != request.Encoder)
            throw new WarmStartRejectedException("encoder",
                $"'{request.Encoder}' differs from '{source.Encoder}' of run '{sourceId}'");
        if (Setting(source, TrainerCatalog.Width) != Setting(request, TrainerCatalog.Width))
            throw new WarmStartRejectedException($"hyperParameters.{TrainerCatalog.Width}",
                $"{Setting(request, TrainerCatalog.Width)} differs from {Setting(source, TrainerCatalog.Width)} "
                + $"of run '{sourceId}'");
    }

    static string Setting(TrainingRequest request, string name) =>
        request.HyperParameters.TryGetValue(name, out var value) ? value.GetRawText() : "the default";

    static bool SameRequest(TrainingRequest stored, TrainingRequest submitted) =>
        ContractJson.Serialize(stored with { RequestedAt = submitted.RequestedAt }).AsSpan()
            .SequenceEqual(ContractJson.Serialize(submitted));
}
