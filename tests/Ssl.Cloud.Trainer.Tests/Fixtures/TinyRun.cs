namespace Ssl.Cloud.Trainer.Tests.Fixtures;

/// <summary>The smallest training run that goes through every stage: one epoch of a width-4 ConvNet.</summary>
static class TinyRun
{
    public static string[] Args(string dataset, string runs, string runId, params string[] extra) =>
    [
        "train", "--method", "simsiam", "--dataset", dataset, "--out", runs, "--run-id", runId, "--epochs", "1",
        "--width", "4",
        "--set", "projector-dim=32", "--set", "predictor-dim=8", "--batch-size", "16", "--knn-k", "5", "--device",
        "cpu", .. extra,
    ];

    /// <summary>Trains once and returns the final checkpoint's path.</summary>
    public static async Task<string> Checkpoint(string root, string dataset = "builtin:64,32")
    {
        var runs = Path.Combine(root, "runs");
        var result = await SslProcess.RunWith(
            new Dictionary<string, string> { ["SSL_CACHE"] = Path.Combine(root, "cache") },
            Args(dataset, runs, "tiny"));
        Assert.True(result.ExitCode == 0, $"training failed: {result.Output}\n{result.Error}");
        return Directory.EnumerateFiles(Path.Combine(runs, "tiny"), "*.ckpt", SearchOption.AllDirectories).Order()
            .Last();
    }
}
