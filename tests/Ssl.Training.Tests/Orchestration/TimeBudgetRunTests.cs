using Ssl.Training.Data;
using Ssl.Training.Encoders;
using Ssl.Training.Orchestration;
using Ssl.Training.Runs;
using Ssl.Training.Tests.Support;

namespace Ssl.Training.Tests.Orchestration;

public class TimeBudgetRunTests
{
    [Fact]
    public void A_run_with_minutes_plans_its_epochs_records_the_plan_and_reports_it_against_the_time_taken()
    {
        // 6 ms is shorter than any epoch, so the plan is the minimum, one epoch, whatever this machine's speed.
        using var data = new DatasetSplit(TinyImages.Create(64, seed: 1), TinyImages.Create(32, seed: 2));
        var run = new RunDirectory(Directory.CreateTempSubdirectory("ssl-run-").FullName);
        var options = new TrainingOptions
        {
            Method = "simclr", Encoder = new EncoderOptions { Architecture = "convnet", Width = 4 },
            Set = new() { ["projector-hidden-dim"] = "16", ["projector-dim"] = "8" },
            Epochs = 20, Minutes = 1e-4, BatchSize = 16, Device = "cpu", KnnK = 5, EvalEvery = 0,
            CollapseThreshold = 0,
        };

        var report = TrainingRun.Execute(options, data, run);

        var budget = Assert.IsType<TimeBudget>(report.Options.Budget);
        Assert.Equal((1, 1), (budget.Epochs, report.Options.Epochs));
        Assert.Single(report.Epochs);
        Assert.Equal(4, budget.StepsPerEpoch);
        Assert.True(budget.SecondsPerStep > 0);
        Assert.Equal(budget, run.ReadRequest().Budget);
        Assert.Contains("time budget 0.0001 min: planned 1 epochs", File.ReadAllText(run.ReportMarkdown));
    }
}
