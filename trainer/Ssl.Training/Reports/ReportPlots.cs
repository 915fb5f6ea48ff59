using ScottPlot;
using Ssl.Training.Evaluation;

namespace Ssl.Training.Reports;

/// <summary>The report's plots as PNG images, drawn with ScottPlot. Each returns null when the run has no data for
/// it.</summary>
public static class ReportPlots
{
    const int Width = 640;
    const int Height = 400;

    public static byte[]? LossAndLearningRate(TrainingReport r)
    {
        if (r.StepLosses.Count == 0) return null;
        var plot = NewPlot("Loss and learning rate per step", "step", "loss");
        var steps = Enumerable.Range(1, r.StepLosses.Count).Select(i => (double)i).ToArray();
        var loss = plot.Add.ScatterLine(steps, r.StepLosses.Select(v => (double)v).ToArray());
        loss.LegendText = "loss";
        loss.LineWidth = 1.5f;
        if (r.StepLearningRates.Count == steps.Length)
        {
            var lr = plot.Add.ScatterLine(steps, r.StepLearningRates.ToArray());
            lr.LegendText = "learning rate";
            lr.LinePattern = LinePattern.Dashed;
            lr.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "learning rate";
        }
        return Render(plot);
    }

    public static byte[]? KnnAccuracy(TrainingReport r) => KnnAccuracyPlot(r) is { } plot ? Render(plot) : null;

    internal static Plot? KnnAccuracyPlot(TrainingReport r)
    {
        if (r.KnnHistory.Count == 0 && r.Probes is null) return null;
        var plot = NewPlot("Weighted kNN top-1 on the held-out set", "epoch", "accuracy (%)");
        if (r.KnnHistory.Count > 0)
        {
            var knn = plot.Add.Scatter(r.KnnHistory.Select(k => (double)k.Epoch).ToArray(),
                r.KnnHistory.Select(k => 100 * k.Accuracy).ToArray());
            knn.LegendText = "trained encoder";
            knn.MarkerSize = 8;
        }
        if (r.Probes is { } p)
        {
            Baseline(plot, 100 * p.RandomInit.Knn, "random initialisation", Colors.Gray);
            Baseline(plot, 100 * p.RawPixels.Knn, "raw pixels", Colors.Orange);
        }
        var values = r.KnnHistory.Select(k => 100 * k.Accuracy)
            .Concat(r.Probes is { } q ? [100 * q.RandomInit.Knn, 100 * q.RawPixels.Knn] : []).ToList();
        plot.Axes.SetLimits(0, Math.Max(1, r.Options.Epochs) + 0.5, Math.Max(0, Math.Floor(values.Min() - 5)),
            Math.Min(100, values.Max()) + 3);
        IntegerTicks(plot);
        return plot;
    }

    public static byte[]? RankAndStd(TrainingReport r)
    {
        if (r.Monitors.Count == 0) return null;
        var plot = NewPlot("Effective rank (RankMe) and z-std per epoch", "epoch", "effective rank");
        var epochs = r.Monitors.Select(m => (double)m.Epoch).ToArray();
        var rank = plot.Add.Scatter(epochs, r.Monitors.Select(m => m.EffectiveRank).ToArray());
        rank.LegendText = $"rank of embedding (D={r.Monitors[0].Dimension})";
        var backbone = plot.Add.Scatter(epochs, r.Monitors.Select(m => m.BackboneEffectiveRank).ToArray());
        backbone.LegendText = "rank of backbone features";
        var std = plot.Add.Scatter(epochs, r.Monitors.Select(m => m.StdRatio).ToArray());
        std.LegendText = "z-std x sqrt(D) (right)";
        std.LinePattern = LinePattern.Dashed;
        std.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "z-std x sqrt(D)";
        if (r.Options.CollapseThreshold > 0)
            Baseline(plot, r.Options.CollapseThreshold, "collapse threshold", Colors.Red);
        IntegerTicks(plot);
        return Render(plot);
    }

    public static byte[]? AlignmentAndUniformity(TrainingReport r)
    {
        if (r.Monitors.Count == 0) return null;
        var plot = NewPlot("Alignment and uniformity per epoch (lower is better)", "epoch", "value");
        var epochs = r.Monitors.Select(m => (double)m.Epoch).ToArray();
        var alignment = plot.Add.Scatter(epochs, r.Monitors.Select(m => m.Alignment).ToArray());
        alignment.LegendText = "alignment";
        var uniformity = plot.Add.Scatter(epochs, r.Monitors.Select(m => m.Uniformity).ToArray());
        uniformity.LegendText = "uniformity";
        IntegerTicks(plot);
        return Render(plot);
    }

    public static byte[]? Projection(TrainingReport r)
    {
        if (r.Projection is not { } p || p.X.Count == 0) return null;
        var explained = p.ExplainedVariance.Select(v => $"{100 * v:F0}%").ToArray();
        var plot = NewPlot($"PCA of {p.X.Count} held-out embeddings", $"PC 1 ({explained.ElementAtOrDefault(0)})",
            $"PC 2 ({explained.ElementAtOrDefault(1)})");
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var label in p.Labels.Distinct().Order())
        {
            var idx = Enumerable.Range(0, p.Labels.Count).Where(i => p.Labels[i] == label).ToArray();
            var points = plot.Add.ScatterPoints(idx.Select(i => (double)p.X[i]).ToArray(),
                idx.Select(i => (double)p.Y[i]).ToArray());
            points.Color = palette.GetColor((int)label).WithAlpha(0.7);
            points.MarkerSize = 4;
            points.LegendText = label < r.Dataset.Classes.Count ? r.Dataset.Classes[(int)label] : $"class {label}";
        }
        return Render(plot, Edge.Right);
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

    static void IntegerTicks(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    static void Baseline(Plot plot, double y, string label, Color color)
    {
        var line = plot.Add.HorizontalLine(y);
        line.LegendText = label;
        line.Color = color;
        line.LinePattern = LinePattern.Dotted;
    }

    /// <summary>Draws the legend in a panel beside the data area, never over it: inside, it hid the trained
    /// encoder's late points on the kNN plot. Below the plot for the few series of most plots; to the right for the
    /// projection's one entry per class.</summary>
    internal static byte[] Render(Plot plot, Edge legend = Edge.Bottom)
    {
        plot.ShowLegend(legend);
        return plot.GetImageBytes(Width, legend == Edge.Bottom ? Height + 40 : Height, ImageFormat.Png);
    }
}
