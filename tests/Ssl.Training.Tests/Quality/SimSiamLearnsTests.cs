using Ssl.Training.Data;
using Ssl.Training.Encoders;
using Ssl.Training.Orchestration;
using Ssl.Training.Runs;
using Ssl.Training.Tests.Support;
using Xunit.Abstractions;

namespace Ssl.Training.Tests.Quality;

/// <summary>SSL must beat a random encoder on real labelled data (DESIGN §5), and the recipes must not regress:
/// SimSiam with its own recipe (nothing set but the budget) on a 10,000-image Fashion-MNIST subset, 6 epochs at
/// batch 256. Measured (docs/methods.md, "The quality test's bound"): seeds 0, 1, 2 with one thread gain 6.1, 4.3,
/// 5.7 kNN points and 5.3, 4.7, 3.7 linear points over their random encoders; seed 0 with two threads, as here, 5.4
/// and 4.4. The recipe before (the paper's 800-epoch rate, lr 0.03, weight decay 5e-4) gained 3.4 and 1.2 on seed 0.
/// The bounds sit about one seed spread under the lowest measured gain: 3 kNN points and 2.5 linear points, which
/// that regression fails.</summary>
[Collection(SeededTraining.Name)]
public class SimSiamLearnsTests(ITestOutputHelper output)
{
    [Fact]
    public void SimSiam_on_fashion_mnist_beats_the_random_encoder_by_its_measured_margin()
    {
        using var data = DatasetCatalog.Open(DatasetCatalog.FashionMnistSpec,
            options: new DatasetOptions { TrainLimit = 10_000 });
        var options = new TrainingOptions
        {
            Method = "simsiam",
            Dataset = DatasetCatalog.FashionMnistSpec,
            Encoder = new EncoderOptions { Architecture = "convnet", Width = 16 },
            Epochs = 6,
            BatchSize = 256,
            CheckpointEvery = 100,
            Device = "cpu",
        };
        var run = new RunDirectory(Directory.CreateTempSubdirectory("ssl-quality-").FullName);
        var report = TrainingRun.Execute(options, data, run);
        var probes = report.Probes!;
        output.WriteLine(
            $"kNN trained {probes.Trained.Knn:P2}, random {probes.RandomInit.Knn:P2}, raw {probes.RawPixels.Knn:P2}; " +
            $"linear trained {probes.Trained.LinearTop1:P2}, random {probes.RandomInit.LinearTop1:P2}; " +
            $"{report.TrainingSeconds:F0} s");
        Assert.True(probes.Trained.Knn >= probes.RandomInit.Knn + 0.03,
            $"kNN: trained {probes.Trained.Knn:P2} is not 3 points above random {probes.RandomInit.Knn:P2}");
        Assert.True(probes.Trained.LinearTop1 >= probes.RandomInit.LinearTop1 + 0.025,
            $"linear: trained {probes.Trained.LinearTop1:P2} is not 2.5 points above random "
            + $"{probes.RandomInit.LinearTop1:P2}");
        Assert.True(File.Exists(run.ReportJson));
        Assert.True(File.Exists(run.ReportMarkdown));
    }
}
