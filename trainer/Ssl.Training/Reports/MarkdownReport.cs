using System.Globalization;
using System.Text;

namespace Ssl.Training.Reports;

/// <summary>Renders <c>report.md</c>: what was trained, whether it learned anything, and how fast.</summary>
public static class MarkdownReport
{
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
        s.AppendLine(c, $"- Data: {r.Dataset.TrainCount} training / {r.Dataset.TestCount} held-out images, {r.Dataset.Channels}x{r.Dataset.Height}x{r.Dataset.Width}, {r.Dataset.Classes.Count} classes");
        s.AppendLine(c, $"- {r.Epochs.Count} epochs, batch {r.Options.BatchSize}, seed {r.Options.Seed}, device {r.Device}");
        s.AppendLine(c, $"- Hyper-parameters: {string.Join(", ", r.HyperParameters.Select(kv => $"{kv.Key}={kv.Value.ToString(c)}"))}");
        s.AppendLine();
        if (r.Knn is { } knn)
        {
            s.AppendLine("## Did it learn?");
            s.AppendLine();
            s.AppendLine(c, $"Weighted kNN (k={knn.K}, T={knn.Temperature}) top-1 on the {knn.TestCount} held-out images:");
            s.AppendLine();
            s.AppendLine("| encoder | kNN top-1 |");
            s.AppendLine("|---|---|");
            s.AppendLine(c, $"| trained | {knn.Trained * 100:F2}% |");
            s.AppendLine(c, $"| random initialisation | {knn.Random * 100:F2}% |");
            s.AppendLine();
            var gain = (knn.Trained - knn.Random) * 100;
            s.AppendLine(gain > 0
                ? string.Create(c, $"SSL added {gain:F2} points over the random encoder.")
                : string.Create(c, $"The trained encoder is NOT better than a random one ({gain:F2} points): the run did not learn useful features."));
            s.AppendLine();
        }
        s.AppendLine("## Training");
        s.AppendLine();
        s.AppendLine("| epoch | loss | lr | images/s | seconds |");
        s.AppendLine("|---|---|---|---|---|");
        foreach (var e in r.Epochs)
            s.AppendLine(c, $"| {e.Epoch} | {e.Loss:F4} | {e.LearningRate:G4} | {e.ImagesPerSecond:F0} | {e.Seconds:F1} |");
        s.AppendLine();
        s.AppendLine(c, $"Training took {r.TrainingSeconds:F1} s, evaluation {r.EvaluationSeconds:F1} s.");
        return s.ToString();
    }
}
