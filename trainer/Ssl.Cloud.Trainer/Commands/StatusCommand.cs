using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl status RUN</c>: the run's state, progress and attempt history from <c>status.json</c>.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run's id, as 'ssl submit' printed it." };
        var json = new Option<bool>("--json") { Description = "Print status.json as it is stored." };
        var command = new Command("status", "Show a queued or finished run's state, progress and attempts.")
        {
            runId, json
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var host = ClientHost.Build(parse);
            var id = parse.GetValue(runId)!;
            var status = (await host.Services.GetRequiredService<RunStore>().GetStatusAsync(id, ct))?.Value
                ?? throw new FileNotFoundException($"run '{id}' does not exist (no runs/{id}/status.json).");
            if (parse.GetValue(json))
            {
                Console.WriteLine(ContractJson.SerializeToString(status));
                return 0;
            }
            Console.WriteLine($"{status.RunId}: {status.State.ToString().ToLowerInvariant()}"
                + $"{(status.CancelRequested ? " (cancel requested)" : "")}, updated {status.UpdatedAt:u}");
            if (status.Progress is { } p)
                Console.WriteLine($"  epoch {p.Epoch}, step {p.Step}/{p.TotalSteps}, loss {p.Loss:F4}, "
                    + $"{p.ImagesPerSecond:F0} images/s, eta {p.Eta:hh\\:mm\\:ss}, heartbeat {p.Heartbeat:u}");
            if (status.FailureReason is { } reason)
                Console.WriteLine($"  failed: {reason}");
            foreach (var a in status.Attempts)
                Console.WriteLine($"  attempt {a.Number} on {a.WorkerId}: {a.StartedAt:u} .. "
                    + $"{(a.EndedAt is { } end ? end.ToString("u") : "running")} "
                    + $"{a.Outcome?.ToString().ToLowerInvariant()} {a.Detail}");
            return 0;
        }));
        return command;
    }
}
