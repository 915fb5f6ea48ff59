using Spectre.Console;
using Ssl.Training.Verification;

namespace Ssl.Cloud.Trainer.Terminal;

/// <summary>The table <c>ssl verify</c> prints: each method's held-out R^2 to z and c next to the controls, and
/// whether it agrees with Theorem 1.</summary>
public static class VerificationSummary
{
    public static void Print(VerificationReport report)
    {
        var o = report.Options;
        var table = new Table().AddColumn("features").AddColumn("R²(z) shared").AddColumn("R²(c) private")
            .AddColumn("Theorem 1");
        foreach (var row in report.Rows)
            table.AddRow(Markup.Escape(row.Name), Format(row.SharedR2), Format(row.PrivateR2),
                Markup.Escape(Short(row)));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(
            $"dz={o.Data.SharedDim}, dc={o.Data.PrivateDim}, {report.TrainCount} training samples, "
            + $"kernel ridge fitted on {report.ProbeFitCount} and scored on {report.ProbeTestCount} held-out ones; "
            + $"bounds R²(z) >= {o.SharedThreshold}, R²(c) <= {o.PrivateThreshold}; {report.Seconds:F0} s."));
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(report.Summary())}[/]");
        foreach (var row in report.Methods)
            AnsiConsole.MarkupLine($"{(row.Agreement == TheoremAgreement.Agrees ? "[green]" : "[yellow]")}"
                + $"{Markup.Escape(row.Name)}[/] {Markup.Escape(row.Verdict)}");
    }

    public static string Short(VerificationRow row) => row.Agreement switch
    {
        TheoremAgreement.Agrees => "agrees",
        TheoremAgreement.PrivateLeaks => "z recovered, c leaks",
        TheoremAgreement.SharedNotRecovered => "z not recovered",
        TheoremAgreement.Diverged => "diverged",
        _ => "control",
    };

    static string Format(double v) =>
        double.IsNaN(v) ? "-" : v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
}
