using Ssl.Training.Augmentations;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

public class NormalizationTests
{
    [Fact]
    public void Apply_subtracts_the_mean_and_divides_by_the_std_per_channel()
    {
        using var images = TestImages.Solid([[0.5f, 0.5f, 0.5f]], 1, 1);
        var norm = new Normalization([0.25f, 0.5f, 0.75f], [0.5f, 0.25f, 0.125f]);
        using var result = norm.Apply(images);
        Assert.Equal(new[] { 0.5f, 0f, -2f }, TestImages.Values(result), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Measured_statistics_normalise_the_same_images_to_zero_mean_and_unit_std()
    {
        using var images = TestImages.RandomBytes(50, 3, 8, 8);
        var norm = Normalization.Measure(images);
        using var floats = images.to(ScalarType.Float32) / 255.0;
        using var result = norm.Apply(floats);
        using var mean = result.mean([0, 2, 3]);
        using var std = result.std([0, 2, 3], unbiased: false);
        Assert.All(TestImages.Values(mean), m => Assert.Equal(0, m, 4));
        Assert.All(TestImages.Values(std), s => Assert.Equal(1, s, 4));
    }

    [Fact]
    public void Statistics_measured_in_chunks_equal_those_of_the_whole_set_at_once()
    {
        using var images = TestImages.RandomBytes(600, 3, 4, 4); // more than two chunks, the last one short
        var norm = Normalization.Measure(images);
        using var whole = images.to(ScalarType.Float64) / 255.0;
        var (std, mean) = std_mean(whole, [0, 2, 3], unbiased: false);
        using (std)
        using (mean)
        {
            Assert.Equal(TestImages.Values(mean.to(ScalarType.Float32)), norm.Mean, new FloatTolerance(1e-6f));
            Assert.Equal(TestImages.Values(std.to(ScalarType.Float32)), norm.Std, new FloatTolerance(1e-6f));
        }
    }

    [Fact]
    public void Statistics_must_match_the_channel_count()
    {
        using var gray = zeros(2, 1, 4, 4);
        Assert.Throws<ArgumentException>(() => Normalization.Cifar10.Apply(gray));
        using var result = Normalization.For(1).Apply(gray);
        Assert.Equal(gray.shape, result.shape);
    }
}
