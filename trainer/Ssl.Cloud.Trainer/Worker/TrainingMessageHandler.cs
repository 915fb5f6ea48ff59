using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;
using Ssl.Training.Evaluation;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>What the worker does with one training message (DESIGN.md §3 failure model). The message is
/// settled only after the run's status says what happened: completed when the run is finished (succeeded,
/// failed with a diagnosis, cancelled, or finished before), abandoned when the worker stops or another worker
/// holds the run, dead-lettered with a readable reason when the request cannot be trained.</summary>
public sealed class TrainingMessageHandler(RunStore runs, DatasetResolver datasets, RunTrainer trainer,
    WorkerMetrics metrics, IOptions<WorkerOptions> options, TimeProvider time, ILogger<TrainingMessageHandler> log)
{
    const int MaxDescriptionLength = 1024;
    WorkerOptions Settings => options.Value;

    public async Task<MessageOutcome> HandleAsync(ProcessMessageEventArgs args)
    {
        var outcome = await DecideAsync(args);
        metrics.Handled(outcome);
        log.LogInformation("Message {MessageId} (delivery {DeliveryCount}): {Outcome}",
            args.Message.MessageId, args.Message.DeliveryCount, outcome);
        return outcome;
    }

    async Task<MessageOutcome> DecideAsync(ProcessMessageEventArgs args)
    {
        var message = args.Message;
        var ct = args.CancellationToken;
        TrainingRequest request;
        TrainingOptions training;
        try
        {
            request = TrainingMessage.Read(message);
            training = RequestMapper.Map(request, request.DatasetId);
        }
        catch (DocumentFormatException e)
        {
            return await RejectAsync(args, message.MessageId,
                new RequestRejectedException(RequestRejectedException.InvalidRequest, e.Message, e));
        }
        catch (RequestRejectedException e)
        {
            return await RejectAsync(args, message.MessageId, e);
        }

        var status = (await runs.GetStatusAsync(request.RunId, ct))?.Value;
        if (status is null || await runs.GetRequestAsync(request.RunId, ct) is null)
        {
            try
            {
                await runs.CreateAsync(request, ct);
            }
            catch (RunAlreadyExistsException e)
            {
                return await RejectAsync(args, message.MessageId,
                    new RequestRejectedException(RequestRejectedException.RunConflict, e.Message, e));
            }
            status = (await runs.GetStatusAsync(request.RunId, ct))!.Value;
        }
        if (status.IsTerminal)
        {
            log.LogInformation("Run {RunId} is {State} already; completing its message without training",
                request.RunId, status.State);
            await args.CompleteMessageAsync(message, CancellationToken.None);
            return MessageOutcome.AlreadyFinished;
        }

        var lease = await runs.TryAcquireLeaseAsync(request.RunId, Settings.LeaseDuration, ct);
        if (lease is null)
        {
            log.LogInformation("Run {RunId} is held by another worker; giving the message back in {Backoff}",
                request.RunId, Settings.BusyBackoff);
            await Delay(Settings.BusyBackoff, ct);
            await args.AbandonMessageAsync(message, cancellationToken: CancellationToken.None);
            return MessageOutcome.Busy;
        }
        await using (lease)
            return await TrainAsync(args, request, training, lease);
    }

    async Task<MessageOutcome> TrainAsync(
        ProcessMessageEventArgs args, TrainingRequest request, TrainingOptions training, BlobLease lease)
    {
        var stopping = args.CancellationToken;
        var runId = request.RunId;
        try
        {
            training = training with
            {
                Dataset = await datasets.ResolveAsync(request.DatasetId, stopping)
            };
            var status = await runs.UpdateStatusAsync(runId,
                s => s.BeginAttempt(Settings.WorkerId, time.GetUtcNow()), stopping);
            log.LogInformation("Run {RunId}: attempt {Attempt} on {WorkerId}",
                runId, status.Attempts.Count, Settings.WorkerId);
            if (status.CancelRequested)
                return await FinishAsync(args, lease, runId, s => s.Cancel(time.GetUtcNow()));

            switch (await TrainWhileHeldAsync(training, lease, runId, stopping))
            {
                case TrainingEnd.LeaseLost:
                    log.LogWarning("Run {RunId}: lease lost; giving the message back without touching the run", runId);
                    await args.AbandonMessageAsync(args.Message, cancellationToken: CancellationToken.None);
                    return MessageOutcome.Abandoned;
                case TrainingEnd.Cancelled:
                    log.LogInformation("Run {RunId}: cancelled; its checkpoint is kept", runId);
                    return await FinishAsync(args, lease, runId, s => s.Cancel(time.GetUtcNow()));
            }
            return await FinishAsync(args, lease, runId, s => s.Succeed(time.GetUtcNow()));
        }
        catch (RequestRejectedException e)
        {
            await lease.ReleaseAsync(CancellationToken.None);
            return await RejectAsync(args, runId, e);
        }
        catch (Exception e) when (e is TrainingDivergedException or RepresentationCollapsedException)
        {
            log.LogError("Run {RunId} failed: {Diagnosis}", runId, e.Message);
            return await FinishAsync(args, lease, runId, s => s.Fail(e.Message, time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            log.LogInformation("Run {RunId}: worker stopping; checkpoint uploaded, giving the message back", runId);
            await GiveBackAsync(args, lease, runId,
                    "the worker stopped (host shutdown); the next delivery resumes from the latest checkpoint");
            return MessageOutcome.Abandoned;
        }
        catch (Exception e)
        {
            // Storage down for longer than the pipeline's patience, a disk full, a bug: another delivery may do
            // better, and the broker dead-letters the message after too many.
            log.LogError(e, "Run {RunId}: attempt failed; giving the message back", runId);
            await GiveBackAsync(args, lease, runId, $"attempt failed: {e.GetType().Name}: {e.Message}");
            return MessageOutcome.Abandoned;
        }
    }

    enum TrainingEnd { Finished, Cancelled, LeaseLost }

    /// <summary>Trains with the lease renewed and the heartbeat running; both stop before the run's final status
    /// is written and the lease released, so neither races the end of the attempt.</summary>
    async Task<TrainingEnd> TrainWhileHeldAsync(
        TrainingOptions training, BlobLease lease, string runId, CancellationToken stopping)
    {
        await using var keeper = new LeaseKeeper(lease, time, log);
        await using var heartbeat = new RunHeartbeat(runs, runId, Settings.ProgressInterval, time, log);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(
            stopping, heartbeat.CancelRequested.Token, keeper.Lost.Token);
        try
        {
            await trainer.TrainAsync(training, heartbeat, linked.Token);
            return TrainingEnd.Finished;
        }
        catch (OperationCanceledException) when (keeper.Lost.IsCancellationRequested)
        {
            return TrainingEnd.LeaseLost;
        }
        catch (OperationCanceledException) when (heartbeat.CancelRequested.IsCancellationRequested
                                                  && !stopping.IsCancellationRequested)
        {
            return TrainingEnd.Cancelled;
        }
    }

    async Task<MessageOutcome> FinishAsync(
        ProcessMessageEventArgs args, BlobLease lease, string runId, Func<RunStatus, RunStatus> finish)
    {
        var status = await runs.UpdateStatusAsync(runId, s => s.IsTerminal ? s : finish(s), CancellationToken.None);
        await lease.ReleaseAsync(CancellationToken.None);
        await args.CompleteMessageAsync(args.Message, CancellationToken.None);
        log.LogInformation("Run {RunId}: {State}", runId, status.State);
        return MessageOutcome.Completed;
    }

    async Task GiveBackAsync(ProcessMessageEventArgs args, BlobLease lease, string runId, string detail)
    {
        try
        {
            await runs.UpdateStatusAsync(runId,
                s => s.IsTerminal || s.State == RunState.Queued ? s : s.Requeue(detail, time.GetUtcNow()),
                CancellationToken.None);
        }
        finally
        {
            await lease.ReleaseAsync(CancellationToken.None);
            await args.AbandonMessageAsync(args.Message, cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>Dead-letters the message with the reason, and marks the run Failed (creating its status if there is
    /// none) when the message names a run at all.</summary>
    async Task<MessageOutcome> RejectAsync(
        ProcessMessageEventArgs args, string? runId, RequestRejectedException rejection)
    {
        log.LogWarning("Message {MessageId} rejected ({Reason}): {Description}",
            args.Message.MessageId, rejection.Reason, rejection.Message);
        if (Identifier.IsValid(runId))
        {
            await runs.EnsureStatusAsync(runId, CancellationToken.None);
            await runs.UpdateStatusAsync(runId,
                s => s.IsTerminal ? s : s.Fail($"{rejection.Reason}: {rejection.Message}", time.GetUtcNow()),
                CancellationToken.None);
        }
        var description = rejection.Message.Length <= MaxDescriptionLength
            ? rejection.Message
            : rejection.Message[..MaxDescriptionLength];
        await args.DeadLetterMessageAsync(args.Message, rejection.Reason, description, CancellationToken.None);
        return MessageOutcome.DeadLettered;
    }

    async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
