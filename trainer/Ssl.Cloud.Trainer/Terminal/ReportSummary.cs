using Spectre.Console;
using Ssl.Training.Reports;
using Ssl.Training.Training;

namespace Ssl.Cloud.Trainer.Terminal;

/// <summary>The few lines a user reads after <c>ssl train</c>: did it learn, and where the report is.</summary>
public static class ReportSummary
{
    public static void Print(TrainingReport report, RunDirectory run)
    {
        if (report.Knn is { } knn)
        {
            var table = new Table().AddColumn("encoder").AddColumn($"kNN top-1 (k={knn.K}, {knn.TestCount} held-out)");
            table.AddRow("trained", $"{knn.Trained * 100:F2}%");
            table.AddRow("random init", $"{knn.Random * 100:F2}%");
            AnsiConsole.Write(table);
            var gain = (knn.Trained - knn.Random) * 100;
            AnsiConsole.MarkupLine(gain > 0 ? $"[green]SSL gained {gain:F2} points over the random encoder.[/]" : $"[red]No gain over the random encoder ({gain:F2} points).[/]");
        }
        AnsiConsole.MarkupLine($"Training {report.TrainingSeconds:F0} s, evaluation {report.EvaluationSeconds:F0} s.");
        Console.WriteLine($"Report: {run.ReportMarkdown}");
        Console.WriteLine($"        {run.ReportJson}");
    }
}
