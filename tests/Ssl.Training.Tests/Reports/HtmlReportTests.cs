using Ssl.Training.Reports;
using Ssl.Training.Tests.Support;

namespace Ssl.Training.Tests.Reports;

public class HtmlReportTests
{
    [Fact]
    public void Every_plot_is_embedded_as_a_png_and_nothing_is_loaded_from_outside()
    {
        var html = HtmlReport.Render(SampleReports.Succeeded());
        var images = html.Split("src=\"data:image/png;base64,")[1..].Select(
            part => Convert.FromBase64String(part[..part.IndexOf('"')])).ToList();
        Assert.Equal(5, images.Count);
        Assert.All(images, png => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]));
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void The_baselines_table_shows_trained_random_and_raw_pixel_probes()
    {
        var html = HtmlReport.Render(SampleReports.Succeeded());
        Assert.Contains("<td>trained encoder</td><td class=\"best\">70.00%</td><td class=\"best\">75.00%</td>", html);
        Assert.Contains("<td>random initialisation</td><td>50.00%</td><td>55.00%</td>", html);
        Assert.Contains("<td>raw pixels</td><td>40.00%</td><td>60.00%</td>", html);
    }

    [Fact]
    public void A_failed_run_shows_its_diagnosis_html_escaped()
    {
        var report = SampleReports.Succeeded() with
        {
            Status = "failed", FailureKind = FailureKind.Collapsed, FailureReason = "rank <2 & falling", Probes = null
        };
        var html = HtmlReport.Render(report);
        Assert.Contains("Failed (Collapsed)</b>: rank &lt;2 &amp; falling", html);
    }

    [Fact]
    public void The_knn_plot_draws_its_legend_beside_the_data_not_over_it()
    {
        var plot = ReportPlots.KnnAccuracyPlot(SampleReports.Succeeded())!;
        ReportPlots.Render(plot);
        Assert.False(plot.Legend.IsVisible); // the legend inside the data area
        var panel = Assert.Single(plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
        Assert.True(panel.IsVisible);
        var data = plot.RenderManager.LastRender.DataRect;
        Assert.True(data.Bottom < plot.RenderManager.LastRender.FigureRect.Bottom - 40,
            $"the data area reaches {data.Bottom} of {plot.RenderManager.LastRender.FigureRect.Bottom} px: "
            + "no room below it for the legend");
    }

    [Fact]
    public void Plots_draw_their_text_so_a_legend_with_other_class_names_gives_another_image()
    {
        // Without a usable font ScottPlot draws no text at all, and both images would be identical.
        var a = ReportPlots.Projection(SampleReports.Succeeded("cat", "dog"))!;
        var b = ReportPlots.Projection(SampleReports.Succeeded("aeroplane", "lorry"))!;
        Assert.NotEqual(a, b);
    }
}
