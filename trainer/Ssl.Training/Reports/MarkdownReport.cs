using System.Globalization;
using System.Text;

namespace Ssl.Training.Reports;

/// <summary>Renders <c>report.md</c>: what was trained, whether it learned anything, and how fast.</summary>
public static class MarkdownReport
{
    /// <summary>What a report says instead of the probes when the dataset has no class labels.</summary>
    public const string NoLabels = "No probes: the images have no class labels (no class folders), so kNN and "
        + "linear accuracy cannot be measured. The collapse monitors still show whether the features collapsed; put "
        + "the images in one folder per class to see whether the encoder learned.";

    public static string Render(TrainingReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"# Run {r.RunId}: {r.Method} on {r.Dataset.Name}");
        s.AppendLine();
        s.AppendLine(c, $"Status: **{r.Status}**{(r.FailureReason is null ? "" : $": {r.FailureReason}")}");
        s.AppendLine();
        s.AppendLine(c, $"- Method: {r.Method} ({r.MethodReference})");
        s.AppendLine(c, $"- Encoder: {r.Options.Encoder.Architecture}, width {r.Options.Encoder.Width}");
        s.Append(c, $"- Data: {r.Dataset.TrainCount} training / {r.Dataset.TestCount} held-out images, ");
        s.AppendLine(c,
            $"{r.Dataset.Channels}x{r.Dataset.Height}x{r.Dataset.Width}, {r.Dataset.Classes.Count} classes");
        s.AppendLine(c,
            $"- {r.Epochs.Count} epochs, batch {r.Options.BatchSize}, seed {r.Options.Seed}, device {r.Device}");
        var hyperParameters = r.HyperParameters.Select(kv => $"{kv.Key}={kv.Value.ToString(c)}");
        s.AppendLine(c, $"- Hyper-parameters: {string.Join(", ", hyperParameters)}");
        s.AppendLine();
        if (r.Probes is { } p)
        {
            s.AppendLine("## Did it learn?");
            s.AppendLine();
            s.Append(c, $"Probes on the {p.TestCount} held-out images (features of the {p.TrainCount} training ");
            s.AppendLine("images as kNN bank and linear-probe training set):");
            s.AppendLine();
            s.AppendLine(c,
                $"| features | kNN top-1 (k={p.KnnK}, T={p.KnnTemperature}) | linear top-1 | linear top-{p.TopK} |");
            s.AppendLine("|---|---|---|---|");
            var rows = new[]
            {
                ("trained encoder", p.Trained), ("random initialisation", p.RandomInit), ("raw pixels", p.RawPixels),
            };
            foreach (var (name, scores) in rows)
                s.AppendLine(c, $"| {name} | {scores.Knn * 100:F2}% | {scores.LinearTop1 * 100:F2}% | "
                    + $"{scores.LinearTopK * 100:F2}% |");
            s.AppendLine();
            s.AppendLine(Verdict(p));
            s.AppendLine();
        }
        else if (r.Status != "failed" && r.Dataset.Classes.Count == 0)
        {
            s.AppendLine(NoLabels);
            s.AppendLine();
        }
        if (r.Monitors.Count > 0)
        {
            s.AppendLine("## Collapse monitors (fixed batch, backbone features)");
            s.AppendLine();
            s.AppendLine("| epoch | z-std x sqrt(D) | effective rank | alignment | uniformity | kNN top-1 |");
            s.AppendLine("|---|---|---|---|---|---|");
            foreach (var m in r.Monitors)
            {
                var knn = r.KnnHistory.FirstOrDefault(k => k.Epoch == m.Epoch) is { } point
                    ? string.Create(c, $"{point.Accuracy * 100:F2}%")
                    : "";
                s.Append(c, $"| {m.Epoch} | {m.StdRatio:F3} | {m.EffectiveRank:F2} / {m.Dimension} | ");
                s.AppendLine(c, $"{m.Alignment:F3} | {m.Uniformity:F3} | {knn} |");
            }
            s.AppendLine();
        }
        s.AppendLine("## Training");
        s.AppendLine();
        s.AppendLine("| epoch | loss | lr | images/s | seconds |");
        s.AppendLine("|---|---|---|---|---|");
        foreach (var e in r.Epochs)
            s.AppendLine(c,
                $"| {e.Epoch} | {e.Loss:F4} | {e.LearningRate:G4} | {e.ImagesPerSecond:F0} | {e.Seconds:F1} |");
        s.AppendLine();
        s.Append(c, $"Training took {r.TrainingSeconds:F1} s ({r.ImagesPerSecond:F0} images/s), ");
        s.AppendLine(c, $"evaluation {r.EvaluationSeconds:F1} s.");
        if (r.Options.Budget is { } budget && r.Options.Minutes is { } minutes)
            s.AppendLine(c, $"The {budget.Summary(minutes, r.TrainingSeconds)}.");
        return s.ToString();
    }

    /// <summary>One sentence on whether SSL added anything over the two baselines.</summary>
    public static string Verdict(Evaluation.ProbeReport p)
    {
        var c = CultureInfo.InvariantCulture;
        var overRandom = (p.Trained.Knn - p.RandomInit.Knn) * 100;
        var overPixels = (p.Trained.LinearTop1 - p.RawPixels.LinearTop1) * 100;
        return overRandom > 0
            ? string.Create(c, $"SSL added {overRandom:F2} kNN points over the random encoder; the linear probe is ")
                + string.Create(c, $"{overPixels:+0.00;-0.00} points from raw pixels.")
            : "The trained encoder is NOT better than a random one "
                + string.Create(c, $"({overRandom:+0.00;-0.00;0.00} kNN points): ")
                + "on this data the run shows no gain from SSL.";
    }
}
