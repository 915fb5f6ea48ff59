using System.Text.RegularExpressions;

namespace Ssl.Cloud.Trainer.Tests.Commands;

public class BenchCommandTests
{
    [Fact]
    public async Task Bench_ingest_prints_a_row_per_format_resolution_and_thread_count_and_the_streaming_memory()
    {
        var result = await SslProcess.Run("bench", "ingest", "--images", "8", "--source-side", "48",
            "--resolutions", "16,24", "--threads", "1,2", "--stream-mb", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("machine: ", result.Output);
        Assert.Matches(@"(?m)^format\s+size\s+threads\s+images\s+wall s\s+img/s\s+img/s/core\s+img/CPU-s$",
            result.Output);
        foreach (var format in new[] { "jpeg", "png" })
        foreach (var size in new[] { "48->16", "48->24" })
        foreach (var threads in new[] { 1, 2 })
            Assert.Matches($@"(?m)^{format}\s+{size}\s+{threads}\s+8\s", result.Output);
        string[] rows =
        [
            "dataset", "loader budget", "loader peak bytes in flight", "process peak RSS (VmHWM)",
            "peak RSS growth while streaming",
        ];
        foreach (var row in rows)
            Assert.Matches($@"(?m)^{Regex.Escape(row)}\s+[0-9.]+ MiB", result.Output);
    }

    [Theory]
    [InlineData]
    [InlineData("--threads", "1")]
    public async Task Bench_train_prints_the_step_split_into_augmentation_forward_and_backward(params string[] extra)
    {
        var result = await SslProcess.Run([
            "bench", "train", "--method", "simsiam", "--width", "4", "--set", "projector-dim=32",
            "--set", "predictor-dim=8", "--batch-size", "8", "--steps", "1", "--warmup-steps", "0", "--device", "cpu",
            .. extra,
        ]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Training step: simsiam, convnet width 4, batch 8, cpu, 1 timed steps", result.Output);
        Assert.Matches(@"(?m)^phase\s+ms/step\s+img/s\s+share\s+CPU ms/step\s+img/CPU-s$", result.Output);
        foreach (var phase in new[] { "augmentation", "forward", "backward + step", "whole step" })
            Assert.Matches($@"(?m)^{Regex.Escape(phase)}\s+[0-9.]+\s+[0-9]+\s+[0-9]+ %\s+[0-9.]+\s+[0-9]+$",
                result.Output);
    }

    [Fact]
    public async Task Bench_stream_prints_the_three_modes_and_what_the_stream_adds_to_the_model_only_peak()
    {
        var folder = Directory.CreateTempSubdirectory("ssl-bench-stream-").FullName;
        try
        {
            var result = await SslProcess.Run("bench", "stream", "--folder", folder, "--images", "600",
                "--resolution", "16", "--memory-budget", "2G", "--steps", "1", "--batch-size", "8", "--width", "4",
                "--threads", "1", "--device", "cpu");

            Assert.Equal(0, result.ExitCode);
            foreach (var mode in new[] { "model only", "streamed", "in memory" })
                Assert.Matches($@"(?m)^{mode}\s+[0-9]+ img/s\s+[0-9]+ img/CPU-s\s+RSS before", result.Output);
            Assert.Matches(@"streamed / in memory: [0-9.]+ % wall, [0-9.]+ % per CPU-second", result.Output);
            Assert.Matches(@"the stream adds -?[0-9.]+ MiB to the model's peak of [0-9.]+ MiB \(the data's share "
                + @"[0-9.]+ MiB\); the process peaks at [0-9.]+ MiB, budget 2048\.0 MiB", result.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("ingest", "--resolutions", "32,x", "--resolutions '32,x'")]
    [InlineData("ingest", "--threads", "0", "--threads '0'")]
    [InlineData("train", "--steps", "0", "--steps must be at least 1")]
    [InlineData("train", "--threads", "0", "--threads must be at least 1")]
    [InlineData("stream", "--threads", "0", "--threads must be at least 1")]
    public async Task Bad_bench_options_get_a_clear_error(string bench, string option, string value, string expected)
    {
        var result = await SslProcess.Run("bench", bench, option, value);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
