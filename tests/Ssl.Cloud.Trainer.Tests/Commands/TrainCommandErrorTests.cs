using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Tests.Commands;

public class TrainCommandErrorTests
{
    [Theory]
    [InlineData("--method", "moco-v9", "moco-v9")]
    [InlineData("--batch-size", "0", "--batch-size must be at least 2")]
    [InlineData("--epochs", "-1", "--epochs must be at least 1")]
    [InlineData("--encoder", "vgg", "vgg")]
    [InlineData("--epochs", "many", "many")]
    [InlineData("--set", "projector-dim", "expected key=value")]
    [InlineData("--set", "lambda=1", "simclr has no hyper-parameter 'lambda'")]
    [InlineData("--set", "projector-dim=-3", "projector-dim=-3 is out of range")]
    [InlineData("--dataset", "/no/such/folder", "/no/such/folder")]
    [InlineData("--memory-budget", "lots", "memory-budget: 'lots' is not a size")]
    public async Task Bad_input_gets_a_clear_error_and_a_non_zero_exit_code_without_a_stack_trace(string option,
        string value, string expected)
    {
        var runs = Directory.CreateTempSubdirectory("ssl-cli-").FullName;
        string[] args = option == "--epochs"
            ? ["train", option, value, "--out", runs]
            : ["train", option, value, "--out", runs, "--epochs", "1"];
        var result = await SslProcess.Run(args);
        Assert.NotEqual(0, result.ExitCode);
        var all = result.Output + result.Error;
        Assert.Contains(expected, all);
        Assert.DoesNotContain("   at ", all);
        Assert.Empty(Directory.GetFileSystemEntries(runs)); // nothing written for a rejected request
    }

    [Fact]
    public async Task A_memory_budget_the_model_leaves_too_little_of_is_refused_with_the_least_that_works()
    {
        var folder = Directory.CreateTempSubdirectory("ssl-packed-").FullName;
        var runs = Directory.CreateTempSubdirectory("ssl-cli-").FullName;
        Packer.Pack("builtin:64,16", folder, 16);
        var result = await SslProcess.Run("train", "--dataset", folder, "--memory-budget", "8M", "--out", runs,
            "--epochs", "1", "--batch-size", "8", "--encoder", "convnet", "--device", "cpu", "--threads", "1");
        var all = result.Output + result.Error;
        Assert.NotEqual(0, result.ExitCode);
        // The runtime alone is more than 8 MiB resident, so the model's step leaves the data nothing.
        Assert.Matches(@"--memory-budget: 8 MiB is the budget of the whole training process; the model's training "
            + @"step takes [0-9]+ MiB of it .* leaves 0 MiB for the data, .* give at least [0-9]+ MiB", all);
        Assert.DoesNotContain("   at ", all);
        Assert.Empty(Directory.GetFileSystemEntries(runs));
    }

    [Fact]
    public async Task Resume_of_a_missing_directory_names_it()
    {
        var result = await SslProcess.Run("train", "--resume", "/tmp/no-such-run-dir");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/tmp/no-such-run-dir", result.Error);
    }

    [Fact]
    public async Task Help_explains_every_option()
    {
        var result = await SslProcess.Run("train", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--method", "--dataset", "--encoder", "--epochs", "--batch-size", "--set",
            "--resume", "--out", "--seed", "--device" })
            Assert.Contains(option, result.Output);
    }

    [Fact]
    public async Task Methods_lists_simsiam_with_its_reference_and_defaults()
    {
        var result = await SslProcess.Run("methods");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("simsiam", result.Output);
        Assert.Contains("Chen & He", result.Output);
        Assert.Contains("projector-dim", result.Output);
    }

    [Fact]
    public async Task Methods_shows_the_papers_value_and_the_one_a_short_run_on_a_small_backbone_uses()
    {
        var result = await SslProcess.Run("methods", "--method", "byol", "--epochs", "10", "--batch-size", "128",
            "--width", "16");
        Assert.Equal(0, result.ExitCode);
        var row = result.Output.Split('\n').First(l => l.Contains("projector-hidden-dim"));
        Assert.Contains("4096", row);   // paper
        Assert.Contains("1024", row);   // 128 features of a 16-wide ConvNet: a quarter
        Assert.Contains("10 epochs x 39 steps of 128", result.Output);
    }
}
