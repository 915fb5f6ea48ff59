using System.Text.Json;

namespace Ssl.Cloud.Trainer.Tests.Commands;

public class VerifyCommandTests
{
    [Fact]
    public async Task A_small_verify_run_prints_the_table_with_a_verdict_and_writes_the_json_and_html_reports()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("ssl-verify-").FullName, "out");
        var result = await SslProcess.Run("verify", "--methods", "barlow-twins", "--epochs", "1", "--samples", "1400",
            "--probe-samples", "300", "--head-width", "32", "--out", dir);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("random encoder", result.Output);
        Assert.Contains("raw x", result.Output);
        Assert.Contains("barlow-twins", result.Output);
        Assert.Matches("barlow-twins (agrees with|partly|does not agree)", result.Output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "verify.json")));
        Assert.Equal(3, json.RootElement.GetProperty("rows").GetArrayLength());
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "verify.html"));
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("Theorem 1", html);
    }

    [Theory]
    [InlineData("--methods", "moco-v9", "moco-v9")]
    [InlineData("--dz", "0", "dz must be at least 1")]
    [InlineData("--set", "byol:nonsense=1", "byol has no hyper-parameter 'nonsense'")]
    [InlineData("--set", "ema-base=0.9", "expected method:key=value")]
    [InlineData("--samples", "500", "less than one batch")]
    public async Task Bad_input_gets_a_clear_error_and_exit_code_2_before_anything_is_written(string option,
        string value, string expected)
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("ssl-verify-").FullName, "out");
        var result = await SslProcess.Run("verify", option, value, "--methods", option == "--methods" ? value : "byol",
            "--out", dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(dir));
    }
}
