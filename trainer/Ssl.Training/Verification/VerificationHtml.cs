using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ssl.Training.Runs;

namespace Ssl.Training.Verification;

/// <summary>Renders <c>verify.html</c>: one self-contained page (plots as base64 PNG, CSS inline, no scripts) with
/// the table, the verdict of each method in words, the plots and the configuration.</summary>
public static class VerificationHtml
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(VerificationReport r)
    {
        var o = r.Options;
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>ssl verify: identifiability of the shared latent</title>");
        s.Append("<style>body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1340px;color:#222}"
            + ".sub{color:#666}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
            + "th,td{border:1px solid #ccc;padding:.3em .7em;text-align:right}"
            + "th:first-child,td:first-child,td.words{text-align:left}th{background:#f4f4f4}"
            + "tr.control td{color:#555;font-style:italic}"
            + ".Agrees{background:#e6f4ea}.PrivateLeaks,.SharedNotRecovered,.Diverged{background:#fdecea}"
            + ".plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(640px,1fr));gap:12px}"
            + ".plots img{width:100%;border:1px solid #eee}"
            + "pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:12px}</style></head><body>\n");
        s.Append("<h1>Does each method recover the shared latent?</h1>\n");
        s.Append(C, $"<p class=\"sub\">Finished {r.FinishedAt:yyyy-MM-dd HH:mm} UTC on {E(r.Device)} in " +
            $"{r.Seconds:F0} s &middot; schema {r.SchemaVersion}</p>\n");
        s.Append(C, $"<p>Two views x(q) = g(q)([z; c(q)]) with a shared z in R<sup>{o.Data.SharedDim}</sup> and "
            + $"private c(q) in R<sup>{o.Data.PrivateDim}</sup>, "
            + $"independent ({o.Data.Shared} / {o.Data.Private}), and g "
            + $"{(o.Data.ViewSpecificMixing ? "a different" : "one")} random invertible map "
            + $"({o.Data.MixingLayers} orthogonal + tanh(u) + {o.Data.LeakSlope}u "
            + $"layers{(o.Data.ViewSpecificMixing ? " per view" : ", the same for both views")}). "
            + $"Theorem 1 of Lyu et al. (ICLR 2022) says that encoders trained to align the two views recover z up "
            + $"to an invertible function, "
            + $"and shared features exclude c. Each method trains an MLP encoder ({o.EncoderLayers} layers, width "
            + $"{o.EncoderWidth}, {o.ResolvedFeatureDim} output features) "
            + $"on {r.TrainCount} pairs for {o.Epochs} epochs; an RBF kernel ridge regression is then fitted from "
            + $"the frozen features to z and to c(q) "
            + $"on {r.ProbeFitCount} further samples and scored (R², mean over both views) on "
            + $"{r.ProbeTestCount} others.</p>\n");
        var all = r.Methods.All(m => m.Agreement == TheoremAgreement.Agrees);
        s.Append(C, $"<p style=\"padding:.6em 1em;border-radius:6px\" "
            + $"class=\"{(all ? "Agrees" : "PrivateLeaks")}\"><b>{E(r.Summary())}</b></p>\n");
        Table(s, r);
        s.Append("<div class=\"plots\">\n");
        Image(s, "R2 of z against R2 of c", VerificationPlots.SharedVersusPrivate(r));
        Image(s, "training loss per epoch", VerificationPlots.Losses(r));
        s.Append("</div>\n");
        s.Append(C, $"<details><summary>options</summary>"
            + $"<pre>{E(JsonSerializer.Serialize(o, RunDirectory.Json))}</pre></details>\n");
        s.Append("</body></html>\n");
        return s.ToString();
    }

    static void Table(StringBuilder s, VerificationReport r)
    {
        s.Append("<table><tr><th>features</th><th>R²(z) shared</th><th>R²(c) private</th>"
            + "<th>in words</th><th>training</th></tr>\n");
        foreach (var row in r.Rows)
        {
            var seconds = row.IsControl ? "" : string.Create(C, $"{row.TrainingSeconds:F0} s");
            s.Append(C, $"<tr class=\"{(row.IsControl ? "control" : row.Agreement.ToString())}\"><td>{E(row.Name)}</td>"
                + $"<td>{F(row.SharedR2)}</td><td>{F(row.PrivateR2)}</td>"
                + $"<td class=\"words\">{E(row.Verdict)}</td><td>{seconds}</td></tr>\n");
        }
        s.Append("</table>\n");
    }

    static void Image(StringBuilder s, string alt, byte[]? png)
    {
        if (png is not null)
            s.Append(C, $"<img alt=\"{alt}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">\n");
    }

    static string F(double v) => double.IsNaN(v) ? "&ndash;" : v.ToString("F3", C);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
