using Ssl.Training.Augmentations;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

public class SolarizeTests
{
    [Fact]
    public void Pixels_at_or_above_the_threshold_are_inverted_and_the_rest_kept()
    {
        using var images = tensor(new[] { 0f, 0.2f, 0.49f, 0.5f, 0.7f, 1f }).view(1, 1, 2, 3);
        using var result = BatchAugment.Solarize(images, 0.5);
        Assert.Equal(new[] { 0f, 0.2f, 0.49f, 0.5f, 0.3f, 0f }, TestImages.Values(result), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Solarize_probability_0_never_applies_1_always_does_and_0_2_about_a_fifth()
    {
        using var images = full(500, 3, 2, 2, 0.8f);
        using var g = new Generator(1);
        using var never = BatchAugment.RandomSolarize(images, 0, 0.5, g);
        using var always = BatchAugment.RandomSolarize(images, 1, 0.5, g);
        using var fifth = BatchAugment.RandomSolarize(images, 0.2, 0.5, g);
        Assert.True(TestImages.Identical(never, images));
        Assert.DoesNotContain(false, TestImages.Changed(always, images));
        Assert.InRange(TestImages.Changed(fifth, images).Count(x => x), 65, 135);
    }
}
