using Ssl.Training.Data;
using Ssl.Training.Data.Packing;
using Ssl.Training.Encoders;
using Ssl.Training.Loop;
using Ssl.Training.Orchestration;
using Ssl.Training.Runs;
using Ssl.Training.Tests.Support;

namespace Ssl.Training.Tests.Data.Streaming;

[Collection(SeededTraining.Name)]
public class StreamedTrainingTests
{
    const int ImageBytes = 3 * 16 * 16;
    const int ShardImages = 40;
    const long ShardBytes = ShardImages * (ImageBytes + 8L);

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

    static PackedDataset Pack(string folder, int count)
    {
        Packer.Pack($"builtin:{count},40", folder, 16, new PackOptions { ShardBytes = ShardImages * ImageBytes });
        return PackedDataset.Open(folder);
    }

    static StreamedBatches Streamed(PackedDataset packed) =>
        new(packed, 3 * ShardBytes, TinyImages.Create(32));

    [Fact]
    public void A_streamed_run_cancelled_mid_epoch_resumes_with_bit_identical_losses()
    {
        using var dir = new TempFolder();
        var packed = Pack(dir.Path, 200); // 5 train shards, a budget of 3: never all in memory
        using var straightData = Streamed(packed);
        using var straight = new Trainer(Options(2), NewRun()).Train(straightData);
        Assert.Equal(24, straight.State.StepLosses.Count);

        var run = NewRun();
        using var cts = new CancellationTokenSource();
        var observer = new StepObserver(s => { if (s.GlobalStep == 17) cts.Cancel(); }); // epoch 1, step 5
        using (var interrupted = Streamed(packed))
            Assert.ThrowsAny<OperationCanceledException>(
                () => new Trainer(Options(2), run, observer).Train(interrupted, cts.Token));
        Assert.EndsWith("epoch-0001-step-000005.ckpt", run.LatestCheckpoint());

        using var resumedData = Streamed(packed);
        using var resumed = new Trainer(Options(2), run).Train(resumedData);
        Assert.Equal(straight.State.StepLosses, resumed.State.StepLosses);
        Assert.True(resumedData.Stream!.PeakBytesInFlight <= 3 * ShardBytes);
    }

    [Fact]
    public void Each_epoch_reshuffles_across_shards_and_the_same_seed_repeats_the_order()
    {
        using var dir = new TempFolder();
        var packed = Pack(dir.Path, 200);
        using var batches = Streamed(packed);
        var e0 = Bytes(batches.Epoch(0, 0, 16, seed: 1, TorchSharp.torch.CPU));
        Assert.Equal(e0, Bytes(batches.Epoch(0, 0, 16, seed: 1, TorchSharp.torch.CPU)));
        Assert.NotEqual(e0[0], Bytes(batches.Epoch(1, 0, 16, seed: 1, TorchSharp.torch.CPU))[0]);
        Assert.NotEqual(e0[0], Bytes(batches.Epoch(0, 0, 16, seed: 2, TorchSharp.torch.CPU))[0]);
        Assert.Equal(200 / 16, e0.Count);  // full batches only
        var resumedAt3 = Bytes(batches.Epoch(0, 3, 16, seed: 1, TorchSharp.torch.CPU));
        Assert.Equal(e0.Skip(3), resumedAt3);
    }

    [Fact]
    public void A_dataset_over_the_budget_is_streamed_with_a_capped_evaluation_sample_and_one_within_it_is_resident()
    {
        using var dir = new TempFolder();
        var packed = Pack(dir.Path, 200);
        var options = new DatasetOptions();

        using (var resident = DatasetCatalog.OpenForTraining(dir.Path, null, options, packed.SizeBytes))
        {
            Assert.False(resident.Streamed);
            Assert.Equal(200, resident.Evaluation.Train.Count);
        }

        var budget = 4 * ShardBytes;
        using var streamed = DatasetCatalog.OpenForTraining(dir.Path, null, options, budget);
        Assert.True(streamed.Streamed);
        Assert.Equal(200, streamed.TrainCount);
        Assert.Equal(40, streamed.TestCount);
        var sample = (int)(budget / TrainingData.EvaluationShareDivisor / 2 / (ImageBytes + 8));
        Assert.Equal(sample, streamed.Evaluation.Train.Count);
        Assert.Equal(sample, streamed.Evaluation.Test.Count);
        Assert.Equal(sample, streamed.Evaluation.Train.Labels!.shape[0]);
        Assert.Contains("sample", streamed.Evaluation.Train.Name);
    }

    [Fact]
    public void Measuring_the_model_footprint_before_a_run_leaves_its_losses_unchanged()
    {
        using var dir = new TempFolder();
        var packed = Pack(dir.Path, 200);
        using var plainData = Streamed(packed);
        using var plain = new Trainer(Options(1), NewRun()).Train(plainData);

        ModelFootprint.Measure(Options(1), packed.Manifest.Channels, packed.Manifest.Resolution);
        using var measuredData = Streamed(packed);
        using var measured = new Trainer(Options(1), NewRun()).Train(measuredData);
        Assert.Equal(plain.State.StepLosses, measured.State.StepLosses);
    }

    [Fact]
    public void The_least_streaming_budget_leaves_the_stream_two_shards_after_the_evaluation_samples()
    {
        using var dir = new TempFolder();
        var packed = Pack(dir.Path, 200);
        var least = TrainingData.MinimumStreamBytes(packed);
        using var data = TrainingData.Stream(packed, least, seed: 3);
        var batches = data.Batches.Epoch(0, 0, 16, 3, TorchSharp.torch.CPU).Sum(b => { using (b) return 1; });
        Assert.Equal(200 / 16, batches);
        var stream = ((StreamedBatches)data.Batches).Stream!;
        Assert.InRange(stream.Options.MemoryBudgetBytes, 2 * ShardBytes, least);
        Assert.InRange(stream.PeakBytesInFlight, ShardBytes, stream.Options.MemoryBudgetBytes);
    }

    [Fact]
    public void Streaming_at_another_resolution_than_the_pack_is_an_error_naming_both()
    {
        using var dir = new TempFolder();
        Pack(dir.Path, 200);
        var e = Assert.Throws<DatasetException>(
            () => DatasetCatalog.OpenForTraining(dir.Path, 32, new DatasetOptions(), 3 * ShardBytes));
        Assert.Contains("32", e.Message);
        Assert.Contains("16", e.Message);
        Assert.Contains("memory budget", e.Message);
    }

    [Fact]
    public void A_whole_run_on_a_streamed_dataset_reports_the_full_counts_and_probes_on_the_sample()
    {
        using var dir = new TempFolder();
        Pack(dir.Path, 200);
        using var data = DatasetCatalog.OpenForTraining(dir.Path, null, new DatasetOptions(), 4 * ShardBytes);
        var report = TrainingRun.Execute(Options(1) with { KnnK = 5, EvalEvery = 1 }, data, NewRun());
        Assert.Equal("succeeded", report.Status);
        Assert.Equal(200, report.Dataset.TrainCount);
        Assert.Equal(data.Evaluation.Train.Count, report.Probes!.TrainCount);
        Assert.Single(report.KnnHistory);
    }

    static List<byte[]> Bytes(IEnumerable<TorchSharp.torch.Tensor> batches)
    {
        var all = new List<byte[]>();
        foreach (var b in batches)
            using (b) all.Add(b.data<byte>().ToArray());
        return all;
    }

    sealed class StepObserver(Action<StepProgress> onStep) : ITrainingObserver
    {
        public void OnStep(StepProgress step) => onStep(step);
    }
}
