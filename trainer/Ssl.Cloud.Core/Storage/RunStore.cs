using Azure;
using Azure.Storage.Blobs;
using Polly;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Storage;

/// <summary>The <c>runs</c> container: request, status, checkpoints, artifacts, lease, cancel
/// flag. Each public operation is one unit under the resilience pipeline; a transient fault
/// retries the whole operation, never half of it.</summary>
public sealed partial class RunStore(
    BlobContainerClient runs, ResiliencePipeline? resilience = null, TimeProvider? time = null)
{
    readonly ResiliencePipeline resilience = resilience ?? ResiliencePipeline.Empty;
    readonly TimeProvider time = time ?? TimeProvider.System;

    public BlobContainerClient Container => runs;

    /// <summary>Staged block size of checkpoint and artifact uploads; small in tests.</summary>
    internal int BlockSize { get; init; } = AtomicBlobWriter.DefaultBlockSize;

    public Task EnsureCreatedAsync(CancellationToken ct = default) =>
        Run(async c => await runs.CreateIfNotExistsAsync(cancellationToken: c), ct);

    /// <summary>Writes <c>request.json</c> (create-only) and a Queued <c>status.json</c>. The same
    /// request again is accepted (a retried submit); a different one under the same id is not.</summary>
    /// <exception cref="RunAlreadyExistsException">The run exists with another request.</exception>
    public Task CreateAsync(TrainingRequest request, CancellationToken ct = default) => Run(async c =>
    {
        var requestBlob = runs.GetBlobClient(BlobLayout.RunRequest(request.RunId));
        try
        {
            await JsonBlob.WriteAsync(requestBlob, request, ifMatch: null, c);
        }
        catch (ConcurrencyConflictException)
        {
            // Not our bytes (the same bytes count as written, whether by a retried submit or by
            // our own first try whose answer was lost).
            throw new RunAlreadyExistsException(request.RunId);
        }
        try
        {
            await JsonBlob.WriteAsync(StatusBlob(request.RunId),
                RunStatus.Queued(request.RunId, time.GetUtcNow()) with { WarmStartRunId = request.WarmStartRunId },
                ifMatch: null, c);
        }
        catch (ConcurrencyConflictException)
        {
            // A status exists already: the run was created before and may have moved on since.
        }
        return true;
    }, ct);

    /// <summary>Writes a Queued status for a run that has none (a message that reached a worker
    /// without a submit, e.g. one whose body could not be read), so that it can be marked Failed.
    /// An existing status is left as it is.</summary>
    public Task EnsureStatusAsync(string runId, CancellationToken ct = default) => Run(async c =>
    {
        try
        {
            await JsonBlob.WriteAsync(StatusBlob(runId), RunStatus.Queued(runId, time.GetUtcNow()), ifMatch: null, c);
        }
        catch (ConcurrencyConflictException)
        {
        }
        return true;
    }, ct);

    public Task<TrainingRequest?> GetRequestAsync(string runId, CancellationToken ct = default) =>
        Run(async c => (await JsonBlob.ReadAsync<TrainingRequest>(
            runs.GetBlobClient(BlobLayout.RunRequest(runId)), c))?.Value, ct);

    /// <summary>The status with its ETag, or null when the run does not exist.</summary>
    public Task<Versioned<RunStatus>?> GetStatusAsync(string runId, CancellationToken ct = default) =>
        Run(c => JsonBlob.ReadAsync<RunStatus>(StatusBlob(runId), c), ct);

    /// <summary>Writes <paramref name="status"/> only if the stored status still has
    /// <paramref name="ifMatch"/>.</summary>
    /// <exception cref="ConcurrencyConflictException">Another writer changed it first; nothing was
    /// overwritten.</exception>
    public Task<Versioned<RunStatus>> ReplaceStatusAsync(
        RunStatus status, ETag ifMatch, CancellationToken ct = default) => Run(async c =>
    {
        var etag = await JsonBlob.WriteAsync(StatusBlob(status.RunId), status, ifMatch, c);
        return new Versioned<RunStatus>(status, etag);
    }, ct);

    /// <summary>Reads the status, applies <paramref name="mutate"/> and writes it under the ETag;
    /// when another writer got there first, reads again and applies <paramref name="mutate"/> to
    /// the newer status. <paramref name="mutate"/> may therefore run more than once, and may throw
    /// (an <see cref="InvalidRunTransitionException"/>) to refuse. A retry after a lost answer
    /// recognises its own landed write and does not apply the change twice.</summary>
    /// <returns>The status as stored after the update.</returns>
    public Task<RunStatus> UpdateStatusAsync(
        string runId, Func<RunStatus, RunStatus> mutate, CancellationToken ct = default)
    {
        var pending = new JsonBlob.PendingWrite();
        return Run(c => JsonBlob.UpdateAsync(StatusBlob(runId), (RunStatus s) =>
        {
            var next = mutate(s);
            return next.RunId == s.RunId
                ? next
                : throw new InvalidOperationException($"an update of run '{runId}' changed its runId");
        }, () => new RunNotFoundException(runId), pending, c), ct);
    }

    /// <summary>Cancels a queued run at once and flags a live one (see
    /// <see cref="RunStatus.RequestCancel"/>).</summary>
    public Task<RunStatus> RequestCancelAsync(string runId, CancellationToken ct = default) =>
        UpdateStatusAsync(runId, s => s.RequestCancel(time.GetUtcNow()), ct);

    public async Task<bool> IsCancelRequestedAsync(string runId, CancellationToken ct = default) =>
        (await GetStatusAsync(runId, ct) ?? throw new RunNotFoundException(runId))
            .Value.CancelRequested;

    /// <summary>Takes the lease on the run, or returns null when another worker holds it.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="duration">15 to 60 seconds, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<BlobLease?> TryAcquireLeaseAsync(string runId, TimeSpan duration, CancellationToken ct = default)
    {
        try
        {
            return await BlobLease.TryAcquireAsync(runs.GetBlobClient(BlobLayout.RunRequest(runId)), $"run '{runId}'",
                duration, resilience, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new RunNotFoundException(runId, e);
        }
    }

    BlobClient StatusBlob(string runId) => runs.GetBlobClient(BlobLayout.RunStatus(runId));

    Task<T> Run<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct) =>
        resilience.ExecuteAsync(async c => await operation(c), ct).AsTask();
}
