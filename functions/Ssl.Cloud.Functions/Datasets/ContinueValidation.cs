using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Functions.Configuration;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>Every 15 seconds: go on validating every dataset that is Validating (a commit whose request ran out of
/// budget, or died). The lease in <see cref="DatasetValidation"/> keeps two ticks off the same dataset.</summary>
public sealed class ContinueValidation(DatasetStore datasets, DatasetValidation validation,
    IOptions<PipelineOptions> options, ILogger<ContinueValidation> log)
{
    const int Page = 500;

    [Function(nameof(ContinueValidation))]
    public async Task Run([TimerTrigger("*/15 * * * * *")] TimerInfo timer, CancellationToken ct)
    {
        string? continuation = null;
        do
        {
            (var ids, continuation) = await datasets.ListDatasetIdsAsync(continuation, Page, ct);
            foreach (var id in ids)
            {
                if ((await datasets.GetManifestAsync(id, ct))?.Value.Status != DatasetStatus.Validating) continue;
                var finished = await validation.ContinueAsync(id, options.Value.CommitBudget, ct);
                log.LogInformation("Dataset {DatasetId}: validation slice done; finished: {Finished}",
                    id, finished is not null);
            }
        }
        while (continuation is not null);
    }
}
