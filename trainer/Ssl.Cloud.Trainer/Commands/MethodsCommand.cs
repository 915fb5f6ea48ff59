using System.CommandLine;
using Spectre.Console;
using Ssl.Training.Methods;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl methods</c>: every registered method with its reference, optimiser recipe and defaults.</summary>
public static class MethodsCommand
{
    public static Command Create()
    {
        var command = new Command("methods", "List the SSL methods with their paper defaults and references.");
        command.SetAction(_ =>
        {
            foreach (var m in MethodRegistry.All)
            {
                var table = new Table().Title($"[bold]{m.Name}[/] — {Markup.Escape(m.Reference)}")
                    .AddColumn("hyper-parameter (--set key=value)").AddColumn("default").AddColumn("valid").AddColumn("meaning");
                foreach (var h in m.HyperParameters)
                    table.AddRow(h.Name, h.FormatValue(h.Default), Markup.Escape(h.Expected), Markup.Escape(h.Description));
                AnsiConsole.Write(table);
                var o = m.Optimizer;
                AnsiConsole.MarkupLine($"  optimiser: {o.Kind} lr {o.LearningRate} x batch/256, weight decay {o.WeightDecay}, momentum {o.Momentum}, warm-up {o.WarmupEpochs} epochs");
                AnsiConsole.WriteLine();
            }
            return 0;
        });
        return command;
    }
}
