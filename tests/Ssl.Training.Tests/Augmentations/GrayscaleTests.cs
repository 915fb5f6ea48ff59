using Ssl.Training.Augmentations;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

public class GrayscaleTests
{
    [Fact]
    public void Grayscale_of_a_known_colour_is_its_luma_in_every_channel()
    {
        using var images = TestImages.Solid([[1, 0.5f, 0]], 2, 3);
        using var gray = BatchAugment.Grayscale(images);
        Assert.Equal(images.shape, gray.shape);
        Assert.All(TestImages.Values(gray), y => Assert.Equal(0.299 + 0.587 * 0.5, y, 5));
    }

    [Fact]
    public void Grayscale_probability_0_never_applies_1_always_does_and_half_about_half()
    {
        using var images = TestImages.Random(200, 3, 4, 4);
        using var g = new Generator(1);
        using var never = BatchAugment.RandomGrayscale(images, 0, g);
        using var always = BatchAugment.RandomGrayscale(images, 1, g);
        using var half = BatchAugment.RandomGrayscale(images, 0.5, g);
        using var gray = BatchAugment.Grayscale(images);
        Assert.True(TestImages.Identical(never, images));
        Assert.True(TestImages.MaxAbsDiff(always, gray) < 1e-6);
        Assert.InRange(TestImages.Changed(half, images).Count(x => x), 70, 130);
    }

    [Fact]
    public void Grayscale_leaves_a_1_channel_image_as_it_is()
    {
        using var images = TestImages.Random(3, 1, 4, 4);
        using var g = new Generator(1);
        using var gray = BatchAugment.RandomGrayscale(images, 1, g);
        Assert.True(TestImages.Identical(gray, images));
    }
}
