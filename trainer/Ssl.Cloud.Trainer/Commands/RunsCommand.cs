using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Trainer.Client;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl runs submit|status|watch|cancel|list|download</c> over the HTTP API.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs",
            "Submit training runs to the cloud pipeline, follow them and download what they made.");
        command.Subcommands.Add(Submit());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Watch());
        command.Subcommands.Add(Cancel());
        command.Subcommands.Add(List());
        command.Subcommands.Add(RunDownloadCommand.Create());
        return command;
    }

    /// <summary>What <c>watch</c> exits with: 0 Succeeded, 1 Failed, <see cref="CommandErrors.RunCancelled"/>
    /// Cancelled.</summary>
    public static int ExitCode(RunStatus status) => status.State switch
    {
        RunState.Succeeded => 0,
        RunState.Cancelled => CommandErrors.RunCancelled,
        _ => CommandErrors.Failed,
    };

    static Command Submit()
    {
        var api = new ApiConnection();
        var run = new RunOptionSet(remote: true);
        var dataset = DatasetOption();
        var runId = new Option<string?>("--run-id") { Description = "The run's id (default: the API makes one)." };
        var watch = new Option<bool>("--watch") { Description = "Follow the run until it ends." };
        var command = new Command("submit", "Queue a training run; prints its id.") { dataset, runId, watch };
        api.AddTo(command);
        run.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            var spec = run.ToRunSpec(parse, parse.GetValue(dataset)) with
            {
                RunId = parse.GetValue(runId) is { } given ? Identifier.Require(given, "--run-id") : null
            };
            using var client = api.Connect(parse);
            var accepted = await client.PostAsync<RunAccepted>("api/runs", spec, ct);
            Console.WriteLine(accepted.RunId);
            if (!parse.GetValue(watch)) return 0;
            return ExitCode(await new RunWatcher(client, parse.GetValue(api.Interval)).WatchAsync(accepted.RunId, ct));
        }));
        return command;
    }

    /// <summary>The dataset of a remote run: required, since the API accepts uploaded datasets only (not the worker's
    /// built-in ones that are the local trainer's default).</summary>
    public static Option<string> DatasetOption() => new("--dataset", "-d")
    {
        Description = "Id of an uploaded, Ready dataset (ssl datasets list).", Required = true,
    };

    static Command Status()
    {
        var api = new ApiConnection();
        var runId = RunIdArgument();
        var json = new Option<bool>("--json") { Description = "Print status.json as the API sends it." };
        var command = new Command("status", "Show a run's state, progress and attempts.") { runId, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var client = api.Connect(parse);
            var id = Identifier.Require(parse.GetValue(runId), "run-id");
            if (parse.GetValue(json))
            {
                var body = await client.GetAsync<JsonElement>($"api/runs/{id}", ct);
                Console.WriteLine(JsonSerializer.Serialize(body, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var status = await new RunWatcher(client, parse.GetValue(api.Interval)).GetAsync(id, ct);
            Console.WriteLine(RunStatusText.Line(status));
            foreach (var a in status.Attempts)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  attempt {a.Number} on {a.WorkerId}: {a.StartedAt:u} .. "
                    + $"{(a.EndedAt is { } end ? end.ToString("u", CultureInfo.InvariantCulture) : "running")} "
                    + $"{a.Outcome?.ToString().ToLowerInvariant()} {a.Detail}"));
            return 0;
        }));
        return command;
    }

    static Command Watch()
    {
        var api = new ApiConnection();
        var runId = RunIdArgument();
        var command = new Command("watch", "Follow a run until it ends; exits 0 when it succeeded, 1 when it failed, "
            + $"{CommandErrors.RunCancelled} when it was cancelled.") { runId };
        api.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var client = api.Connect(parse);
            var status = await new RunWatcher(client, parse.GetValue(api.Interval)).WatchAsync(
                Identifier.Require(parse.GetValue(runId), "run-id"), ct);
            return ExitCode(status);
        }));
        return command;
    }

    static Command Cancel()
    {
        var api = new ApiConnection();
        var runId = RunIdArgument();
        var command = new Command("cancel",
            "Cancel a run: a queued one at once, a live one at its next step.") { runId };
        api.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var client = api.Connect(parse);
            var id = Identifier.Require(parse.GetValue(runId), "run-id");
            var json = await client.PostAsync<JsonElement>($"api/runs/{id}/cancel", new { }, ct);
            Console.WriteLine(
                RunStatusText.Line(ContractJson.Deserialize<RunStatus>(json.GetRawText(), $"status of run '{id}'")));
            return 0;
        }));
        return command;
    }

    static Command List()
    {
        var api = new ApiConnection();
        var state = new Option<RunState?>("--state") { Description = "Only runs in this state." };
        var command = new Command("list", "List the runs, newest first.") { state };
        api.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var client = api.Connect(parse);
            var filter = parse.GetValue(state) is { } s ? $"state={RunStatusText.State(s)}" : null;
            string? continuation = null;
            do
            {
                var query = string.Join('&',
                    new[] { filter, continuation is null ? null : $"continuation={Uri.EscapeDataString(continuation)}" }
                    .OfType<string>());
                var page = await client.GetAsync<RunList>("api/runs" + (query.Length > 0 ? "?" + query : ""), ct);
                foreach (var r in page.Runs)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.RunId,-40} {r.State,-10} {r.Method,-12} {r.DatasetId,-24} {r.UpdatedAt:u}"));
                continuation = page.Continuation;
            }
            while (continuation is not null);
            return 0;
        }));
        return command;
    }

    public static Argument<string> RunIdArgument() =>
        new("run-id") { Description = "The run's id, as 'ssl runs submit' printed it." };
}
