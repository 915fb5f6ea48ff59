using Spectre.Console;
using Ssl.Training.Evaluation;
using Ssl.Training.Reports;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Terminal;

/// <summary>The few lines a user reads after <c>ssl train</c> or <c>ssl eval</c>: did it learn, and where the
/// report is.</summary>
public static class ReportSummary
{
    public static void Print(TrainingReport report, RunDirectory run)
    {
        if (report.Probes is { } probes) PrintProbes(probes);
        else if (report.Status != "failed" && report.Dataset.Classes.Count == 0)
            Console.WriteLine(MarkdownReport.NoLabels);
        AnsiConsole.MarkupLine($"Training {report.TrainingSeconds:F0} s ({report.ImagesPerSecond:F0} images/s), "
            + $"evaluation {report.EvaluationSeconds:F0} s.");
        Console.WriteLine($"Report: {ReportWriter.HtmlPath(run)}");
        Console.WriteLine($"        {run.ReportMarkdown}");
        Console.WriteLine($"        {run.ReportJson}");
    }

    public static void PrintProbes(ProbeReport p)
    {
        var table = new Table().AddColumn("features").AddColumn($"kNN top-1 (k={p.KnnK})").AddColumn("linear top-1")
            .AddColumn($"linear top-{p.TopK}");
        foreach (var (name, s) in new[]
                 {
                     ("trained", p.Trained), ("random init", p.RandomInit), ("raw pixels", p.RawPixels)
                 })
            table.AddRow(name, $"{s.Knn * 100:F2}%", $"{s.LinearTop1 * 100:F2}%", $"{s.LinearTopK * 100:F2}%");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{p.TestCount} held-out images.");
        var gain = (p.Trained.Knn - p.RandomInit.Knn) * 100;
        AnsiConsole.MarkupLine(gain > 0
            ? $"[green]SSL gained {gain:F2} kNN points over the random encoder.[/]"
            : $"[red]No gain over the random encoder ({gain:F2} points).[/]");
    }
}
