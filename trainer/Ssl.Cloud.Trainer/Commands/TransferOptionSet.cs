using System.CommandLine;
using Ssl.Cloud.Trainer.Client;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>--parallel</c> and <c>--attempts</c> of the verbs that move files, defaults from
/// <see cref="TransferOptions"/>.</summary>
public sealed class TransferOptionSet
{
    static readonly TransferOptions Defaults = new();

    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "Files transferred at once.", DefaultValueFactory = _ => Defaults.Parallelism,
    };

    public Option<int> Attempts { get; } = new("--attempts")
    {
        Description = "Tries per file before giving up.", DefaultValueFactory = _ => Defaults.MaxAttempts,
    };

    public TransferOptionSet()
    {
        OptionRules.AtLeast(Parallel, 1);
        OptionRules.AtLeast(Attempts, 1);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Parallel);
        command.Options.Add(Attempts);
    }

    public TransferOptions Get(ParseResult parse) =>
        new() { Parallelism = parse.GetValue(Parallel), MaxAttempts = parse.GetValue(Attempts) };
}
