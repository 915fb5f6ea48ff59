using Spectre.Console;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>Follows a run until a final state: a live progress bar on a terminal, one line per change otherwise
/// (a log, a CI job).</summary>
public sealed class RunWatcher(ApiClient api, TimeSpan interval)
{
    public async Task<RunStatus> GetAsync(string runId, CancellationToken ct)
    {
        var json = await api.GetAsync<System.Text.Json.JsonElement>($"api/runs/{runId}", ct);
        return ContractJson.Deserialize<RunStatus>(json.GetRawText(), $"status of run '{runId}'");
    }

    public async Task<RunStatus> WatchAsync(string runId, CancellationToken ct)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return await PrintChangesAsync(runId, ct);
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(runId, maxValue: 1);
                while (true)
                {
                    var status = await GetAsync(runId, ct);
                    if (status.Progress is { } p)
                    {
                        task.MaxValue = Math.Max(1, p.TotalSteps);
                        task.Value = p.Step;
                    }
                    task.Description = Markup.Escape(RunStatusText.Line(status));
                    if (status.IsTerminal) return status;
                    await Task.Delay(interval, ct);
                }
            });
    }

    async Task<RunStatus> PrintChangesAsync(string runId, CancellationToken ct)
    {
        string? last = null;
        while (true)
        {
            var status = await GetAsync(runId, ct);
            var line = RunStatusText.Line(status);
            if (line != last) Console.WriteLine(line);
            last = line;
            if (status.IsTerminal) return status;
            await Task.Delay(interval, ct);
        }
    }
}
