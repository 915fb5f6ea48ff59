using System.CommandLine;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Trainer.Client;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl schedules set|list|delete</c>: cron schedules that submit runs (optionally warm-started).</summary>
public static class SchedulesCommand
{
    public static Command Create()
    {
        var command = new Command("schedules", "Retrain on a schedule.");
        command.Subcommands.Add(Set());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Delete());
        return command;
    }

    static Command Set()
    {
        var api = new ApiConnection();
        var run = new RunOptionSet(remote: true);
        var name = NameArgument();
        var dataset = RunsCommand.DatasetOption();
        var cron = new Option<string>("--cron")
        {
            Description = "When runs are due: five cron fields, e.g. \"0 3 * * *\".", Required = true
        };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "IANA time zone of the cron (default: UTC)."
        };
        var warmStart = new Option<bool>("--warm-start")
        {
            Description = "Start each run from the schedule's latest Succeeded run."
        };
        var disabled = new Option<bool>("--disabled") { Description = "Keep the schedule but submit nothing." };
        var command = new Command("set", "Create or replace a schedule; prints its next three due times.")
        {
            name, dataset, cron, timeZone, warmStart, disabled,
        };
        api.AddTo(command);
        run.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            var spec = new ScheduleSpec(parse.GetValue(cron)!, parse.GetValue(timeZone), !parse.GetValue(disabled),
                parse.GetValue(warmStart), run.ToRunSpec(parse, parse.GetValue(dataset)));
            using var client = api.Connect(parse);
            var schedule = await client.PutAsync<ScheduleView>(
                $"api/schedules/{Identifier.Require(parse.GetValue(name), "name")}", spec, ct);
            Print(parse.GetValue(name)!, schedule);
            return 0;
        }));
        return command;
    }

    static Command List()
    {
        var api = new ApiConnection();
        var command = new Command("list", "List the schedules with their next due times.");
        api.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var client = api.Connect(parse);
            foreach (var schedule in (await client.GetAsync<ScheduleList>("api/schedules", ct)).Schedules)
                Print(schedule.Name ?? "?", schedule);
            return 0;
        }));
        return command;
    }

    static Command Delete()
    {
        var api = new ApiConnection();
        var name = NameArgument();
        var command = new Command("delete", "Delete a schedule; runs it submitted stay.") { name };
        api.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var client = api.Connect(parse);
            await client.DeleteAsync($"api/schedules/{Identifier.Require(parse.GetValue(name), "name")}", ct);
            Console.WriteLine($"deleted schedule {parse.GetValue(name)}");
            return 0;
        }));
        return command;
    }

    static Argument<string> NameArgument() => new("name") { Description = "The schedule's name, [a-z0-9-]{3,63}." };

    static void Print(string name, ScheduleView schedule)
    {
        var state = schedule.Enabled ? "" : " (disabled)";
        Console.WriteLine($"{name}: \"{schedule.Cron}\" {schedule.TimeZone ?? "UTC"}{state}"
            + $"{(schedule.WarmStart ? ", warm start" : "")}, {schedule.Run?.Method} on {schedule.Run?.DatasetId}");
        foreach (var due in schedule.NextDue) Console.WriteLine($"  next {due:u}");
    }
}
