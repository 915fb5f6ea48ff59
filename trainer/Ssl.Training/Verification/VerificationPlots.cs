using ScottPlot;
using Ssl.Training.Reports;

namespace Ssl.Training.Verification;

/// <summary>The verification report's plots as PNG images (ScottPlot, with the embedded font).</summary>
public static class VerificationPlots
{
    const int Width = 640;
    const int Height = 440;

    /// <summary>Each method and control as a point (R^2(z), R^2(c)); the theorem's corner (high z, low c)
    /// shaded.</summary>
    public static byte[] SharedVersusPrivate(VerificationReport r)
    {
        var plot = NewPlot("Held-out R² of the features to z and to c", "R²(z) shared (higher is better)",
            "R²(c) private (lower is better)");
        var corner = plot.Add.Rectangle(r.Options.SharedThreshold, 1.05, -0.05, r.Options.PrivateThreshold);
        corner.FillColor = Colors.Green.WithAlpha(0.12);
        corner.LineColor = Colors.Green.WithAlpha(0.4);
        corner.LegendText = "Theorem 1 (agrees)";
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        foreach (var row in r.Rows.Where(x => !double.IsNaN(x.SharedR2)))
        {
            var point = plot.Add.ScatterPoints(new[] { Math.Max(-0.05, row.SharedR2) },
                new[] { Math.Max(-0.05, row.PrivateR2) });
            point.LegendText = row.Name;
            point.MarkerSize = 11;
            point.MarkerShape = row.IsControl ? MarkerShape.OpenSquare : MarkerShape.FilledCircle;
            point.Color = row.IsControl ? Colors.Gray : palette.GetColor(i++);
        }
        plot.Axes.SetLimits(-0.05, 1.05, -0.05, 1.05);
        return Render(plot, Alignment.UpperLeft);
    }

    /// <summary>Each method's mean training loss per epoch, rescaled to [0, 1] between its lowest and highest value:
    /// the losses have different units and signs, and what matters here is whether each one has levelled off.</summary>
    public static byte[]? Losses(VerificationReport r)
    {
        var trained = r.Methods.Where(m => m.EpochLosses.Count > 0).ToList();
        if (trained.Count == 0) return null;
        var plot = NewPlot("Training loss per epoch, rescaled per method", "epoch", "(loss - min) / (max - min)");
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        foreach (var row in trained)
        {
            var epochs = Enumerable.Range(1, row.EpochLosses.Count).Select(e => (double)e).ToArray();
            var (min, max) = (row.EpochLosses.Min(), row.EpochLosses.Max());
            var line = plot.Add.ScatterLine(epochs,
                row.EpochLosses.Select(l => (l - min) / Math.Max(1e-12, max - min)).ToArray());
            line.LegendText = row.Name;
            line.Color = palette.GetColor(i++);
            line.LineWidth = 1.5f;
        }
        return Render(plot, Alignment.UpperRight);
    }

    static Plot NewPlot(string title, string x, string y)
    {
        PlotFont.EnsureRegistered();
        var plot = new Plot();
        plot.Font.Set(PlotFont.Name);
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    static byte[] Render(Plot plot, Alignment legend)
    {
        plot.ShowLegend(legend);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
