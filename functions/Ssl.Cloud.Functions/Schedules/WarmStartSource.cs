using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>The run a scheduled run warm-starts from: the latest Succeeded run of the same schedule before it.
/// Schedule run ids end in the due time (<c>{name}-yyyyMMdd-HHmm</c>), so name order is time order.</summary>
public sealed class WarmStartSource(RunStore runs)
{
    const int Page = 500;

    public async Task<string?> LatestSucceededAsync(string schedule, string beforeRunId, CancellationToken ct)
    {
        var candidates = new List<string>();
        string? continuation = null;
        do
        {
            (var ids, continuation) = await runs.ListRunIdsAsync(schedule + "-", continuation, Page, ct);
            candidates.AddRange(ids.Where(id => string.CompareOrdinal(id, beforeRunId) < 0));
        }
        while (continuation is not null);
        foreach (var id in candidates.OrderDescending(StringComparer.Ordinal))
        {
            // The prefix also matches another schedule whose name extends this one; the request says whose it is.
            if ((await runs.GetRequestAsync(id, ct))?.Schedule?.Schedule != schedule) continue;
            if ((await runs.GetStatusAsync(id, ct))?.Value.State == RunState.Succeeded) return id;
        }
        return null;
    }
}
