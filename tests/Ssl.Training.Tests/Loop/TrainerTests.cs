using Ssl.Training.Encoders;
using Ssl.Training.Loop;
using Ssl.Training.Runs;
using Ssl.Training.Tests.Support;
using TorchSharp;

namespace Ssl.Training.Tests.Loop;

[Collection(SeededTraining.Name)]
public class TrainerTests
{
    static TrainingOptions Options(int epochs) => new()
    {
        Method = "simsiam",
        Encoder = new EncoderOptions { Architecture = "convnet", Width = 4 },
        Set = new() { ["projector-dim"] = "32", ["predictor-dim"] = "8" },
        Epochs = epochs,
        BatchSize = 16,
        CheckpointEvery = 1,
        Seed = 3,
        Device = "cpu",
    };

    static RunDirectory NewRun() => new(Directory.CreateTempSubdirectory("ssl-run-").FullName);

    [Fact]
    public void Live_tensor_count_stays_flat_over_steps()
    {
        using var data = TinyImages.Create(160);
        var counts = new List<long>();
        var observer = new StepObserver(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        using var result = new Trainer(Options(3), NewRun(), observer).Train(data);
        Assert.Equal(30, counts.Count);
        // After the first step has created the optimiser state, nothing may accumulate.
        Assert.Equal(counts[1], counts[^1]);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_gives_the_same_losses_as_training_straight_through()
    {
        using var data = TinyImages.Create(96);
        var straightRun = NewRun();
        using (var straight = new Trainer(Options(2), straightRun).Train(data))
        {
            var stoppedRun = NewRun();
            using (var first = new Trainer(Options(2), stoppedRun).Train(data, stopAfterEpoch: 1))
                Assert.Equal(6, first.State.StepLosses.Count);
            Assert.NotNull(stoppedRun.LatestCheckpoint());
            using var resumed = new Trainer(Options(2), stoppedRun).Train(data);
            Assert.Equal(straight.State.StepLosses, resumed.State.StepLosses);
            Assert.Equal(12, resumed.State.StepLosses.Count);
        }
    }

    [Fact]
    public void Cancelling_mid_epoch_saves_a_checkpoint_that_resumes_exactly()
    {
        using var data = TinyImages.Create(96);
        using var straight = new Trainer(Options(2), NewRun()).Train(data);

        var run = NewRun();
        using var cts = new CancellationTokenSource();
        var observer = new StepObserver(s => { if (s.GlobalStep == 4) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(
            () => new Trainer(Options(2), run, observer).Train(data, cts.Token));
        Assert.EndsWith("epoch-0000-step-000004.ckpt", run.LatestCheckpoint());

        using var resumed = new Trainer(Options(2), run).Train(data);
        Assert.Equal(straight.State.StepLosses, resumed.State.StepLosses);
        Assert.Equal(straight.State.Epochs.Select(e => e.Loss), resumed.State.Epochs.Select(e => e.Loss));
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_rejected_with_its_path()
    {
        using var data = TinyImages.Create(48);
        var run = NewRun();
        using (new Trainer(Options(2), run).Train(data, stopAfterEpoch: 1)) { }
        var wider = Options(2) with { Encoder = new EncoderOptions { Architecture = "convnet", Width = 8 } };
        var e = Assert.Throws<InvalidDataException>(() => new Trainer(wider, run).Train(data));
        Assert.Contains(run.LatestCheckpoint()!, e.Message);
        Assert.Contains("shape", e.Message);
    }

    [Fact]
    public void A_batch_larger_than_the_dataset_is_rejected_before_training()
    {
        using var data = TinyImages.Create(10);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(Options(1), NewRun()).Train(data));
        Assert.Contains("batch-size 16", e.Message);
    }

    sealed class StepObserver(Action<StepProgress> onStep) : ITrainingObserver
    {
        public void OnStep(StepProgress step) => onStep(step);
    }
}
