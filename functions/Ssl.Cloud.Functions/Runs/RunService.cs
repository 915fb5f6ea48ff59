using Microsoft.Extensions.Logging;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Functions.Runs;

/// <summary>Submitting a run (DESIGN.md §3, step 3): validate, write <c>request.json</c> and a Queued status,
/// send one message whose MessageId is the run id. Every step is idempotent, so a retried submit, a double
/// schedule firing or a crash between the steps ends with one run and one message.</summary>
public sealed class RunService(RunStore runs, TrainingQueue queue, TrainingRequestValidator validator, TimeProvider time, ILogger<RunService> log)
{
    /// <summary>A fresh run id for a submit that names none: sortable by time, unique by its random tail.</summary>
    public string NewRunId()
    {
        var now = time.GetUtcNow();
        return $"run-{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4))}";
    }

    /// <summary>The request a body describes and every problem with it (missing fields and invalid values).</summary>
    public (TrainingRequest Request, ValidationResult Validation) Prepare(RunSubmission body, ScheduleOrigin? schedule = null, DateTimeOffset? requestedAt = null)
    {
        var runId = body.RunId ?? NewRunId();
        var (request, missing) = body.ToRequest(runId, requestedAt ?? time.GetUtcNow(), schedule);
        var missingFields = missing.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var errors = missing.Concat(validator.Validate(request).Errors.Where(e => !missingFields.Contains(e.Field))).ToList();
        return (request, new ValidationResult(errors));
    }

    /// <summary>Stores and enqueues <paramref name="request"/>. The same request again (only
    /// <see cref="TrainingRequest.RequestedAt"/> may differ) returns the stored run and sends at most a
    /// duplicate that the broker drops.</summary>
    /// <exception cref="RequestValidationException">The request is invalid.</exception>
    /// <exception cref="RunAlreadyExistsException">The run id is taken by a different request.</exception>
    public async Task<RunSubmitted> SubmitAsync(TrainingRequest request, CancellationToken ct)
    {
        var validation = validator.Validate(request);
        if (!validation.IsValid) throw new RequestValidationException(validation);

        var created = true;
        try
        {
            await runs.CreateAsync(request, ct).ConfigureAwait(false);
        }
        catch (RunAlreadyExistsException)
        {
            var stored = await runs.GetRequestAsync(request.RunId, ct).ConfigureAwait(false);
            if (stored is null || !SameRequest(stored, request)) throw;
            request = stored;
            created = false;
        }

        var status = (await runs.GetStatusAsync(request.RunId, ct).ConfigureAwait(false))?.Value
            ?? throw new RunNotFoundException(request.RunId);
        // Only a queued run needs its message: a live or finished run has had it. Sending again for a queued
        // run covers a submit that stored the run and died before sending; the broker drops the duplicate.
        if (status.State == RunState.Queued)
            await queue.SendAsync(request, ct).ConfigureAwait(false);
        log.LogInformation("Run {RunId} for dataset {DatasetId} is {State} (new: {Created})", request.RunId, request.DatasetId, status.State, created);
        return new RunSubmitted(request, status, created);
    }

    static bool SameRequest(TrainingRequest stored, TrainingRequest submitted) =>
        ContractJson.Serialize(stored with { RequestedAt = submitted.RequestedAt }).AsSpan().SequenceEqual(ContractJson.Serialize(submitted));
}
