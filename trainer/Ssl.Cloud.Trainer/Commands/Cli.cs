using System.CommandLine;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>The <c>ssl</c> command line.</summary>
public static class Cli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Ssl.Cloud: self-supervised learning for images, on a laptop or as an Azure batch pipeline.");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(MethodsCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(EmbedCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        return root;
    }
}
