using System.CommandLine;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>The <c>ssl</c> command line.</summary>
public static class Cli
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Ssl.Cloud: self-supervised learning for images, on a laptop or as an Azure batch pipeline.");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(MethodsCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(EmbedCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(DatasetsCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(SchedulesCommand.Create());
        root.Subcommands.Add(PackCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>. The worker handles SIGTERM itself (its host waits the grace
    /// period for a checkpoint), so the command line's own termination handling, which ends the process after
    /// 2 seconds, is off for it; the other verbs keep it (Ctrl+C in <c>ssl train</c> checkpoints at the next
    /// step).</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        var configuration = new InvocationConfiguration();
        if (parse.CommandResult.Command.Name == WorkerCommand.Name) configuration.ProcessTerminationTimeout = null;
        return parse.InvokeAsync(configuration);
    }
}
