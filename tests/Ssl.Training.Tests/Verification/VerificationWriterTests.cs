using Ssl.Training.Verification;

namespace Ssl.Training.Tests.Verification;

public class VerificationWriterTests
{
    static VerificationReport Sample() => new()
    {
        Options = new VerificationOptions { Methods = ["byol", "dino"] },
        Device = "cpu",
        TrainCount = 16_000,
        ProbeFitCount = 2000,
        ProbeTestCount = 2000,
        Seconds = 12,
        FinishedAt = DateTimeOffset.UnixEpoch,
        Rows =
        [
            new()
            {
                Name = VerificationRun.RawInput, IsControl = true, SharedR2 = 0.9, PrivateR2 = 0.9,
                Agreement = TheoremAgreement.NotApplicable, Verdict = "control"
            },
            new()
            {
                Name = "byol", IsControl = false, SharedR2 = 0.91, PrivateR2 = 0.02,
                Agreement = TheoremAgreement.Agrees, Verdict = "agrees", EpochLosses = [1.0, 0.5]
            },
            new()
            {
                Name = "dino", IsControl = false, SharedR2 = double.NaN, PrivateR2 = double.NaN,
                Agreement = TheoremAgreement.Diverged, Verdict = "could not be checked"
            },
        ],
    };

    [Fact]
    public void The_json_report_reads_back_with_a_diverged_method_and_its_missing_scores()
    {
        var dir = Directory.CreateTempSubdirectory("ssl-verify-report-").FullName;
        var (json, _) = VerificationWriter.Write(Sample(), dir);
        var back = VerificationWriter.Read(json);
        Assert.Equal(0.91, back.Row("byol").SharedR2);
        Assert.Equal(TheoremAgreement.Agrees, back.Row("byol").Agreement);
        Assert.True(double.IsNaN(back.Row("dino").SharedR2));
        Assert.Equal(TheoremAgreement.Diverged, back.Row("dino").Agreement);
        Assert.Equal(["byol", "dino"], back.Options.Methods);
    }

    [Fact]
    public void The_html_report_has_a_row_per_method_and_control_and_embedded_plots()
    {
        var html = VerificationHtml.Render(Sample());
        Assert.Contains("<td>byol</td>", html);
        Assert.Contains("<td>dino</td>", html);
        Assert.Contains("<td>raw x</td>", html);
        Assert.Equal(2, html.Split("data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void The_summary_counts_the_agreeing_methods_and_names_the_others()
    {
        Assert.Equal("1 of 2 methods agree with Theorem 1; not: dino.", Sample().Summary());
    }
}
