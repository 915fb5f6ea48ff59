using System.CommandLine;
using Spectre.Console;
using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using Ssl.Training.Runs;
using TrainingLoop = Ssl.Training.Loop.Trainer;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl methods</c>: every registered method with its reference and optimiser recipe, and for each
/// hyper-parameter the paper's value next to the value a given run will use (the recipe rules, issue 12).</summary>
public static class MethodsCommand
{
    public static Command Create()
    {
        var only = new Option<string?>("--method", "-m") { Description = "Show only this method." };
        var dataset = new Option<string>("--dataset", "-d")
            {
                Description = "The run's dataset (its size sets the steps per epoch).",
                DefaultValueFactory = _ => "builtin",
            };
        var trainLimit = new Option<int?>("--train-limit") { Description = "As in 'ssl train'." };
        var epochs = new Option<int?>("--epochs")
            { Description = "The run's epochs (default: as 'ssl train' plans them)." };
        var batchSize = new Option<int>("--batch-size", "-b")
            {
                Description = "The run's batch size.",
                DefaultValueFactory = _ => TrainCommand.Defaults.BatchSize,
            };
        var encoder = new Option<string>("--encoder", "-e")
            {
                Description = "The run's backbone.",
                DefaultValueFactory = _ => TrainCommand.Defaults.Encoder.Architecture,
            };
        var width = new Option<int>("--width")
            {
                Description = "The run's encoder width.",
                DefaultValueFactory = _ => TrainCommand.Defaults.Encoder.Width,
            };
        var set = new Option<string[]>("--set") { Description = "Overrides, as in 'ssl train' (shown as set)." };
        only.AcceptOnlyFromAmong([.. MethodRegistry.Names]);
        encoder.AcceptOnlyFromAmong([.. EncoderOptions.Architectures]);
        OptionRules.AtLeast(epochs, 1);
        OptionRules.AtLeast(batchSize, 2);
        OptionRules.AtLeast(width, 1);
        var command = new Command("methods",
            "List the SSL methods: paper defaults, the values a given run uses " +
            "(--dataset/--epochs/--batch-size/--width), references.")
        {
            only, dataset, trainLimit, epochs, batchSize, encoder, width, set,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var overrides = RunOptionSet.ParseSet(parse.GetValue(set) ?? []);
            int trainCount, channels;
            using (var data = DatasetLoader.Open(parse.GetValue(dataset)!, parse.GetValue(trainLimit)))
                (trainCount, channels) = (data.Train.Count, data.Train.Channels);
            var encoderOptions = new EncoderOptions
            {
                Architecture = parse.GetValue(encoder)!, Width = parse.GetValue(width), InChannels = channels,
            };
            int featureDim;
            using (var backbone = encoderOptions.Create()) featureDim = backbone.FeatureDim;
            var methods = parse.GetValue(only) is { } name ? [MethodRegistry.Get(name)] : MethodRegistry.All;
            foreach (var m in methods)
            {
                var options = new TrainingOptions
                {
                    Method = m.Name, BatchSize = parse.GetValue(batchSize),
                    Epochs = parse.GetValue(epochs)
                        ?? TrainingOptions.DefaultEpochs(trainCount, parse.GetValue(batchSize)),
                    Encoder = encoderOptions,
                    Set = overrides.Count > 0 && parse.GetValue(only) is not null ? overrides : [],
                };
                var steps = TrainingLoop.StepsPerEpoch(options, trainCount);
                var hp = TrainingLoop.ResolveHyperParameters(options, featureDim, steps);
                AnsiConsole.Write(Table(m, hp));
                var (paper, run) = (m.Optimizer, options.ResolveOptimizer(m.Optimizer));
                AnsiConsole.MarkupLine(Markup.Escape(
                    $"  optimiser: {paper.Kind} lr {paper.LearningRate} x batch/256 = " +
                    $"{run.ScaledLearningRate(options.BatchSize):G4}, " +
                    $"weight decay {paper.WeightDecay}, momentum {paper.Momentum}; " +
                    $"warm-up: paper {paper.WarmupEpochs} epochs, " +
                    $"this run {run.WarmupEpochs:G4} (at most the run; the rule of at most "
                    + $"{RecipeRules.MaxWarmupFraction:P0} of the run would give "
                    + $"{RecipeRules.WarmupEpochs(paper.WarmupEpochs, options.Epochs):G4}, off: docs/methods.md)"));
                AnsiConsole.MarkupLine(Markup.Escape(
                    $"  this run: {options.Epochs} epochs x {steps} steps of {options.BatchSize} " +
                    $"({trainCount} images), " +
                    $"{encoderOptions.Architecture} width {encoderOptions.Width} ({featureDim} features)"));
                AnsiConsole.WriteLine();
            }
            return 0;
        }));
        return command;
    }

    static Table Table(MethodDefinition m, HyperParameters hp)
    {
        var table = new Table().Title($"[bold]{m.Name}[/] — {Markup.Escape(m.Reference)}")
            // The names are what --set takes: never wrapped, so they can be copied from a narrow terminal.
            .AddColumn(new TableColumn("hyper-parameter (--set key=value)").NoWrap())
            .AddColumn("paper").AddColumn("this run").AddColumn("rule")
            .AddColumn("valid").AddColumn("meaning");
        foreach (var h in m.HyperParameters)
        {
            var rule = hp.Overridden.Contains(h.Name) ? "set" : h.Rule?.Summary ?? "";
            table.AddRow(h.Name, h.FormatValue(h.Default), h.FormatValue(hp[h.Name]), Markup.Escape(rule),
                Markup.Escape(h.Expected), Markup.Escape(h.Description));
        }
        return table;
    }
}
