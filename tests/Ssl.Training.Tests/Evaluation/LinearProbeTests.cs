using Ssl.Training.Evaluation;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Evaluation;

public class LinearProbeTests
{
    static readonly LinearProbeRecipe Quick = new() { Epochs = 20, BatchSize = 64 };

    [Fact]
    public void Linearly_separable_classes_are_classified_perfectly()
    {
        var g = new Generator(5);
        using var centres = randn(6, 10, generator: g) * 8;
        using var trainLabels = arange(300, ScalarType.Int64) % 6;
        using var testLabels = arange(60, ScalarType.Int64) % 6;
        using var train = centres[trainLabels] + randn(300, 10, generator: g);
        using var test = centres[testLabels] + randn(60, 10, generator: g);
        var (top1, top5) = LinearProbe.Evaluate(train, trainLabels, test, testLabels, 6, Quick);
        Assert.Equal(1.0, top1);
        Assert.Equal(1.0, top5);
    }

    [Fact]
    public void Random_labels_give_chance_level_top1_and_top_k_near_k_over_classes()
    {
        var g = new Generator(6);
        using var train = randn(1000, 8, generator: g);
        using var test = randn(1000, 8, generator: g);
        using var trainLabels = randint(0, 10, [1000], generator: g);
        using var testLabels = randint(0, 10, [1000], generator: g);
        var (top1, top5) = LinearProbe.Evaluate(train, trainLabels, test, testLabels, 10, Quick);
        Assert.InRange(top1, 0.05, 0.16);
        Assert.InRange(top5, 0.42, 0.58);
    }

    [Fact]
    public void The_probe_is_deterministic_for_a_seed()
    {
        var g = new Generator(7);
        using var x = randn(200, 5, generator: g);
        using var y = randint(0, 3, [200], generator: g);
        Assert.Equal(LinearProbe.Evaluate(x, y, x, y, 3, Quick), LinearProbe.Evaluate(x, y, x, y, 3, Quick));
    }
}
