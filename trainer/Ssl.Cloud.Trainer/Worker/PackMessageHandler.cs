using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Data;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>One pack request: packs the dataset unless its manifest already says it is packed at that resolution,
/// then completes the message. A request that can never succeed (not a request, no such dataset, not ready,
/// nothing usable) is dead-lettered with the reason; anything else (storage down, the host stopping, the pack's lease
/// lost to another packer) gives the message back, and the next delivery continues the pack where this one
/// stopped.</summary>
public sealed class PackMessageHandler(DatasetStore datasets, DatasetPacker packer, IOptions<WorkerOptions> options,
    ILogger<PackMessageHandler> log)
{
    public async Task HandleAsync(ProcessMessageEventArgs args)
    {
        PackRequest request;
        try
        {
            request = PackRequest.Read(args.Message);
        }
        catch (FormatException e)
        {
            await DeadLetterAsync(args, e.Message);
            return;
        }
        var manifest = (await datasets.GetManifestAsync(request.DatasetId, args.CancellationToken))?.Value;
        if (manifest is null || manifest.Status != DatasetStatus.Ready)
        {
            var state = manifest is null ? "missing" : manifest.Status.ToString().ToLowerInvariant();
            await DeadLetterAsync(args, $"dataset '{request.DatasetId}' is {state}, not ready");
            return;
        }
        if (manifest.PackedAt(request.Resolution) is null)
        {
            var folder = Path.Combine(options.Value.WorkDirectory, "datasets", request.DatasetId, "packed",
                $"{request.Resolution}");
            try
            {
                await packer.PackAsync(manifest, request.Resolution, folder, args.CancellationToken);
            }
            catch (Exception e) when (e is DatasetException or RequestRejectedException)
            {
                await DeadLetterAsync(args, $"dataset '{request.DatasetId}': {e.Message}");
                return;
            }
            catch (LeaseLostException e)
            {
                // Another packer took the pack over after this one stalled; a redelivery finds it packed.
                log.LogWarning(e, "Pack request {MessageId} given back: {Reason}", args.Message.MessageId, e.Message);
                await args.AbandonMessageAsync(args.Message, cancellationToken: CancellationToken.None);
                return;
            }
        }
        log.LogInformation("Dataset {DatasetId} is packed at {Resolution}", request.DatasetId, request.Resolution);
        await args.CompleteMessageAsync(args.Message, CancellationToken.None);
    }

    async Task DeadLetterAsync(ProcessMessageEventArgs args, string reason)
    {
        log.LogWarning("Pack request {MessageId} dead-lettered: {Reason}", args.Message.MessageId, reason);
        await args.DeadLetterMessageAsync(args.Message, "PackFailed", reason[..Math.Min(reason.Length, 4000)],
            cancellationToken: CancellationToken.None);
    }
}
