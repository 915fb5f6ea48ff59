using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ssl.Training.Evaluation;
using Ssl.Training.Runs;

namespace Ssl.Training.Reports;

/// <summary>Renders <c>report.html</c>: one self-contained page (plots embedded as base64 PNG, CSS inline, no
/// scripts, no links out) that opens offline and can be mailed or attached as it is.</summary>
public static class HtmlReport
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(TrainingReport r)
    {
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        s.Append(C, $"<title>{E(r.RunId)}: {E(r.Method)} on {E(r.Dataset.Name)}</title>");
        s.Append("<style>body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1340px;color:#222}"
            + "h1{margin-bottom:.2em}.sub{color:#666;margin-top:0}"
            + ".status{padding:.6em 1em;border-radius:6px;margin:1em 0}"
            + ".ok{background:#e6f4ea;border:1px solid #8c8}.failed{background:#fdecea;border:1px solid #d88}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
            + "th,td{border:1px solid #ccc;padding:.3em .7em;text-align:right}"
            + "th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}.best{font-weight:bold}"
            + ".plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(640px,1fr));gap:12px}"
            + ".plots img{width:100%;border:1px solid #eee}"
            + "pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:12px}</style></head><body>\n");
        s.Append(C, $"<h1>{E(r.Method)} on {E(r.Dataset.Name)}</h1><p class=\"sub\">run {E(r.RunId)} &middot; " +
            $"finished {r.FinishedAt:yyyy-MM-dd HH:mm} UTC &middot; report schema {r.SchemaVersion}</p>\n");
        Status(s, r);
        if (r.Probes is { } p) Baselines(s, p);
        Plots(s, r);
        Configuration(s, r);
        Epochs(s, r);
        s.Append("</body></html>\n");
        return s.ToString();
    }

    static void Status(StringBuilder s, TrainingReport r)
    {
        if (r.Status == "failed")
            s.Append(C, $"<div class=\"status failed\"><b>Failed ({E(r.FailureKind?.ToString() ?? "error")})</b>: " +
                $"{E(r.FailureReason ?? "")}</div>\n");
        else if (r.Probes is { } p)
            s.Append(C, $"<div class=\"status {(p.Trained.Knn > p.RandomInit.Knn ? "ok" : "failed")}\">"
                + $"{E(MarkdownReport.Verdict(p))}</div>\n");
        else if (r.Dataset.Classes.Count == 0)
            s.Append(C, $"<div class=\"status ok\">Succeeded. {E(MarkdownReport.NoLabels)}</div>\n");
        else
            s.Append("<div class=\"status ok\">Succeeded.</div>\n");
    }

    static void Baselines(StringBuilder s, ProbeReport p)
    {
        s.Append(C, $"<h2>Did it learn?</h2><p>Frozen features probed on the {p.TestCount} held-out images; the " +
            $"{p.TrainCount} training images are the kNN bank and the linear probe's training set.</p>\n");
        s.Append(C, $"<table><tr><th>features</th><th>kNN top-1 (k={p.KnnK}, T={p.KnnTemperature})</th>"
            + $"<th>linear top-1</th><th>linear top-{p.TopK}</th></tr>\n");
        var rows = new[]
        {
            ("trained encoder", p.Trained), ("random initialisation", p.RandomInit), ("raw pixels", p.RawPixels)
        };
        double Best(Func<ProbeScores, double> f) => rows.Max(x => f(x.Item2));
        foreach (var (name, v) in rows)
            s.Append(C, $"<tr><td>{name}</td>{Cell(v.Knn, Best(x => x.Knn))}"
                + $"{Cell(v.LinearTop1, Best(x => x.LinearTop1))}{Cell(v.LinearTopK, Best(x => x.LinearTopK))}</tr>\n");
        s.Append("</table>\n");
        var l = p.LinearProbe;
        s.Append(C, $"<p class=\"sub\">Linear probe: multinomial logistic regression on standardised features, SGD " +
            $"(Nesterov momentum {l.Momentum}) lr {l.LearningRate} (cosine), {l.Epochs} epochs, batch {l.BatchSize}, " +
            $"L2 {l.WeightDecay}. Raw pixels: normalised, at most " +
            $"{RawPixels.MaxSide}x{RawPixels.MaxSide}, flattened.</p>\n");
    }

    static string Cell(double v, double best) =>
        string.Create(C, $"<td{(v >= best ? " class=\"best\"" : "")}>{v * 100:F2}%</td>");

    static void Plots(StringBuilder s, TrainingReport r)
    {
        var images = new (string Alt, byte[]? Png)[]
        {
            ("loss and learning rate per step", ReportPlots.LossAndLearningRate(r)),
            ("kNN accuracy per evaluation", ReportPlots.KnnAccuracy(r)),
            ("effective rank and z-std per epoch", ReportPlots.RankAndStd(r)),
            ("alignment and uniformity per epoch", ReportPlots.AlignmentAndUniformity(r)),
            ("PCA of held-out embeddings by class", ReportPlots.Projection(r)),
        };
        s.Append("<h2>Training</h2><div class=\"plots\">\n");
        foreach (var (alt, png) in images.Where(i => i.Png is not null))
            s.Append(C, $"<img alt=\"{alt}\" src=\"data:image/png;base64,{Convert.ToBase64String(png!)}\">\n");
        s.Append("</div>\n");
    }

    static void Configuration(StringBuilder s, TrainingReport r)
    {
        var o = r.Options;
        s.Append("<h2>Run</h2><table>\n");
        Row(s, "method", $"{r.Method} ({r.MethodReference})");
        Row(s, "encoder", $"{o.Encoder.Architecture}, width {o.Encoder.Width}"
            + $"{(o.Encoder.Architecture == "resnet18" ? $", {o.Encoder.Stem} stem" : "")}");
        Row(s, "data",
            $"{r.Dataset.Name}: {r.Dataset.TrainCount} training / {r.Dataset.TestCount} held-out, " +
            $"{r.Dataset.Channels}x{r.Dataset.Height}x{r.Dataset.Width}, {r.Dataset.Classes.Count} classes");
        Row(s, "schedule",
            $"{r.Epochs.Count} of {o.Epochs} epochs, batch {o.BatchSize}, seed {o.Seed}, device {r.Device}");
        if (o.WarmStartRunId is { } source)
            Row(s, "warm start", $"from run {source} (its final weights; a fresh optimiser)");
        Row(s, "hyper-parameters",
            string.Join(", ", r.HyperParameters.Select(kv => $"{kv.Key}={kv.Value.ToString(C)}")));
        Row(s, "timings",
            string.Create(C, $"training {r.TrainingSeconds:F1} s, evaluation {r.EvaluationSeconds:F1} s"));
        Row(s, "throughput", string.Create(C, $"{r.ImagesPerSecond:F0} images/s"));
        s.Append("</table>\n");
        s.Append(C, $"<details><summary>request (options)</summary>"
            + $"<pre>{E(JsonSerializer.Serialize(o, RunDirectory.Json))}</pre></details>\n");
    }

    static void Epochs(StringBuilder s, TrainingReport r)
    {
        s.Append("<h2>Per epoch</h2><table><tr><th>epoch</th><th>loss</th><th>lr</th><th>images/s</th>"
            + "<th>effective rank</th><th>z-std x sqrt(D)</th><th>alignment</th><th>uniformity</th>"
            + "<th>kNN top-1</th></tr>\n");
        foreach (var e in r.Epochs)
        {
            var m = r.Monitors.FirstOrDefault(x => x.Epoch == e.Epoch);
            var k = r.KnnHistory.FirstOrDefault(x => x.Epoch == e.Epoch);
            s.Append(C, $"<tr><td>{e.Epoch}</td><td>{e.Loss:F4}</td><td>{e.LearningRate:G4}</td>"
                + $"<td>{e.ImagesPerSecond:F0}</td>");
            s.Append(m is null
                ? "<td></td><td></td><td></td><td></td>"
                : string.Create(C, $"<td>{m.EffectiveRank:F2}</td><td>{m.StdRatio:F3}</td>"
                    + $"<td>{m.Alignment:F3}</td><td>{m.Uniformity:F3}</td>"));
            s.Append(k is null ? "<td></td></tr>\n" : string.Create(C, $"<td>{k.Accuracy * 100:F2}%</td></tr>\n"));
        }
        s.Append("</table>\n");
    }

    static void Row(StringBuilder s, string key, string value) =>
        s.Append(C, $"<tr><td>{key}</td><td style=\"text-align:left\">{E(value)}</td></tr>\n");

    static string E(string text) => WebUtility.HtmlEncode(text);
}
