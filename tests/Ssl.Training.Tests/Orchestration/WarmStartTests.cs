using Ssl.Training.Data;
using Ssl.Training.Encoders;
using Ssl.Training.Tests.Support;
using Ssl.Training.Orchestration;
using Ssl.Training.Runs;

namespace Ssl.Training.Tests.Orchestration;

public sealed class WarmStartTests
{
    static TrainingOptions Options() => new()
    {
        Method = "simsiam",
        Encoder = new EncoderOptions { Architecture = "convnet", Width = 4 },
        Set = new() { ["projector-dim"] = "32", ["predictor-dim"] = "8" },
        Epochs = 3,
        BatchSize = 32,
        Seed = 5,
        Device = "cpu",
        EvalEvery = 0,
        KnnK = 5,
        CheckpointEvery = 10,
        CollapseThreshold = 0,
    };

    static DatasetSplit Data() => new(TinyImages.Create(192, seed: 1), TinyImages.Create(64, seed: 2));

    static RunDirectory NewRun() => new(Directory.CreateTempSubdirectory("ssl-warm-").FullName);

    [Fact]
    public void A_warm_started_run_begins_below_the_first_step_loss_of_its_source_and_records_the_source()
    {
        using var data = Data();
        var source = NewRun();
        var first = TrainingRun.Execute(Options(), data, source);

        var warm = NewRun();
        var second = TrainingRun.Execute(
            Options() with { WarmStartCheckpoint = source.LatestCheckpoint(), WarmStartRunId = "source-run" },
            data, warm);

        Assert.True(second.StepLosses[0] < first.StepLosses[0],
            $"first-step loss {second.StepLosses[0]} (warm) is not below {first.StepLosses[0]} (source)");
        Assert.Equal("source-run", second.Options.WarmStartRunId);
        Assert.Contains("source-run", File.ReadAllText(Path.Combine(warm.Path, "report.json")));
        Assert.Contains("from run source-run", File.ReadAllText(Path.Combine(warm.Path, "report.html")));
    }

    [Fact]
    public void A_warm_start_from_a_checkpoint_of_another_method_fails_naming_both_methods()
    {
        using var data = Data();
        var source = NewRun();
        TrainingRun.Execute(Options() with { Epochs = 1 }, data, source);

        var e = Assert.Throws<InvalidDataException>(() => TrainingRun.Execute(
            Options() with { Method = "byol", Set = new(), WarmStartCheckpoint = source.LatestCheckpoint() },
            data, NewRun()));

        Assert.Contains("method 'simsiam', not 'byol'", e.Message);
    }
}
