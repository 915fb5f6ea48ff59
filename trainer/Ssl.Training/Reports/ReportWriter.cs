using System.Text.Json;
using Ssl.Training.Runs;

namespace Ssl.Training.Reports;

/// <summary>Writes a run's report in its three forms: report.json (for machines), report.md (for a terminal or a
/// pull request) and report.html (self-contained, with plots, for people).</summary>
public static class ReportWriter
{
    public static string HtmlPath(RunDirectory run) => Path.Combine(run.Path, "report.html");

    public static void Write(RunDirectory run, TrainingReport report)
    {
        RunDirectory.WriteAtomically(run.ReportJson, JsonSerializer.Serialize(report, RunDirectory.Json));
        RunDirectory.WriteAtomically(run.ReportMarkdown, MarkdownReport.Render(report));
        RunDirectory.WriteAtomically(HtmlPath(run), HtmlReport.Render(report));
    }
}
