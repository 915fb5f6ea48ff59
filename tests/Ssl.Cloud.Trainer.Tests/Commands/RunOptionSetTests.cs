using System.CommandLine;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Trainer.Commands;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Commands;

public sealed class RunOptionSetTests
{
    static readonly string[] RunArgs =
    [
        "--method", "byol", "--encoder", "resnet18", "--epochs", "3", "--batch-size", "64", "--width", "8",
        "--stem", "ImageNet", "--lr", "0.5", "--weight-decay", "0.001", "--warmup-epochs", "1", "--blur", "true",
        "--seed", "7",
        "--train-limit", "100", "--checkpoint-every", "2", "--eval-every", "0", "--collapse-threshold", "0",
        "--knn-k", "20", "--set", "projector-dim=32",
    ];

    [Fact]
    public void The_same_run_options_give_the_same_training_options_locally_and_through_the_worker()
    {
        var set = new RunOptionSet(remote: true);
        var command = new Command("x");
        set.AddTo(command);
        var parse = command.Parse(RunArgs);
        Assert.Empty(parse.Errors);

        var local = set.ToTrainingOptions(parse, "builtin");
        var spec = set.ToRunSpec(parse, "builtin");
        var remote = RequestMapper.Map(new TrainingRequest
        {
            RunId = "run-0001", DatasetId = spec.DatasetId!, Method = spec.Method, Encoder = spec.Encoder,
            Epochs = spec.Epochs!.Value, BatchSize = spec.BatchSize!.Value, HyperParameters = spec.HyperParameters,
            RequestedAt = DateTimeOffset.UtcNow,
        }, "builtin");

        // Set is a dictionary (compared by reference in a record), so it is compared on its own.
        var noSet = new Dictionary<string, string>();
        Assert.Equal(local with { Set = noSet, Device = "auto" }, remote with { Set = noSet });
        Assert.Equal(local.Set, remote.Set);
    }

    [Fact]
    public void Options_left_at_their_defaults_are_not_sent_so_the_trainer_default_holds()
    {
        var set = new RunOptionSet(remote: true);
        var command = new Command("x");
        set.AddTo(command);

        var spec = set.ToRunSpec(command.Parse(["--width", "8"]), "pets");

        Assert.Equal(["width"], spec.HyperParameters.Keys);
        Assert.Equal(("simsiam", "convnet", 20, 256), (spec.Method, spec.Encoder, spec.Epochs, spec.BatchSize));
    }

    [Fact]
    public void A_time_budget_replaces_the_default_epochs()
    {
        var set = new RunOptionSet(remote: true);
        var command = new Command("x");
        set.AddTo(command);

        var spec = set.ToRunSpec(command.Parse(["--minutes", "5"]), "pets");

        Assert.Equal((null, 5.0), (spec.Epochs, spec.Minutes));
    }

    [Theory]
    [InlineData("train")]
    [InlineData("runs submit")]
    [InlineData("datasets upload")]
    [InlineData("schedules set")]
    public void Every_verb_that_defines_a_run_spells_its_options_the_same(string verb)
    {
        var command = verb.Split(' ').Aggregate((Command)Cli.Build(),
            (c, name) => c.Subcommands.Single(s => s.Name == name));
        var names = command.Options.Select(o => o.Name).ToHashSet();

        Assert.Superset(new RunOptionSet(remote: false).All.Select(o => o.Name).ToHashSet(), names);
    }
}
