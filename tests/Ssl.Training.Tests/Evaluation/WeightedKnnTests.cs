using Ssl.Training.Evaluation;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Evaluation;

public class WeightedKnnTests
{
    [Fact]
    public void Separated_clusters_are_classified_perfectly()
    {
        var g = new Generator(3);
        using var centres = randn(4, 16, generator: g) * 10;
        using var trainLabels = arange(200, ScalarType.Int64) % 4;
        using var testLabels = arange(40, ScalarType.Int64) % 4;
        using var train = centres[trainLabels] + randn(200, 16, generator: g);
        using var test = centres[testLabels] + randn(40, 16, generator: g);
        Assert.Equal(1.0, WeightedKnn.Accuracy(train, trainLabels, test, testLabels, 4, k: 20, chunk: 7));
    }

    [Fact]
    public void Random_labels_give_chance_level()
    {
        var g = new Generator(4);
        using var train = randn(2000, 8, generator: g);
        using var test = randn(1000, 8, generator: g);
        using var trainLabels = randint(0, 4, [2000], generator: g);
        using var testLabels = randint(0, 4, [1000], generator: g);
        var accuracy = WeightedKnn.Accuracy(train, trainLabels, test, testLabels, 4);
        Assert.InRange(accuracy, 0.18, 0.32);
    }

    [Fact]
    public void Closer_neighbours_outvote_more_numerous_far_ones()
    {
        // One very similar neighbour of class 1 against two dissimilar ones of class 0: weights exp(s/T) decide.
        using var train = tensor(new float[,] { { 1, 0 }, { 0.2f, 1 }, { 0.2f, -1 } });
        using var trainLabels = tensor(new long[] { 1, 0, 0 });
        using var test = tensor(new float[,] { { 1, 0.01f } });
        using var testLabels = tensor(new long[] { 1 });
        Assert.Equal(1.0, WeightedKnn.Accuracy(train, trainLabels, test, testLabels, 2, k: 3, temperature: 0.1));
    }
}
