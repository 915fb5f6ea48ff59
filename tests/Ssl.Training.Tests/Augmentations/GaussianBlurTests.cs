using Ssl.Training.Augmentations;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

public class GaussianBlurTests
{
    [Fact]
    public void Blur_leaves_a_constant_image_constant()
    {
        using var images = full(4, 3, 16, 16, 0.3f);
        using var sigma = tensor(new[] { 0.1f, 0.5f, 1f, 2f });
        using var blurred = BatchAugment.GaussianBlur(images, sigma, 7);
        Assert.True(TestImages.MaxAbsDiff(blurred, images) < 1e-6);
    }

    [Fact]
    public void Blur_of_an_impulse_is_the_normalised_gaussian_outer_product_and_keeps_the_mean()
    {
        const int k = 5;
        using var images = zeros(2, 1, 15, 15);
        images[.., .., 7, 7] = tensor(1f);
        var sigmas = new[] { 0.7f, 1.5f };
        using var sigma = tensor(sigmas);
        using var blurred = BatchAugment.GaussianBlur(images, sigma, k);
        for (var i = 0; i < 2; i++)
        {
            var g = Enumerable.Range(-k / 2, k).Select(x => Math.Exp(-x * x / (2.0 * sigmas[i] * sigmas[i]))).ToArray();
            var norm = g.Sum();
            var patch = TestImages.Values(blurred[i, 0, 5..10, 5..10]);
            for (var y = 0; y < k; y++)
                for (var x = 0; x < k; x++)
                    Assert.Equal(g[y] * g[x] / (norm * norm), patch[y * k + x], 6);
            Assert.Equal(images[i].mean().item<float>(), blurred[i].mean().item<float>(), 6);
        }
    }

    [Fact]
    public void Each_image_gets_its_own_sigma()
    {
        // 64 px: a 7-tap kernel, wide enough that sigmas up to 2 still differ visibly.
        using var one = TestImages.Random(1, 3, 64, 64);
        using var batch = TestImages.Copies(one, 16);
        using var g = new Generator(2);
        using var blurred = BatchAugment.RandomGaussianBlur(batch, 1, 0.1, 2.0, g);
        Assert.Equal(16, TestImages.DistinctCount(blurred, 1e-6));
    }

    [Fact]
    public void Every_channel_of_an_image_is_blurred_with_that_image_s_sigma()
    {
        using var images = TestImages.Random(2, 3, 16, 16);
        using var sigma = tensor(new[] { 0.5f, 2f });
        using var both = BatchAugment.GaussianBlur(images, sigma, 5);
        for (var i = 0; i < 2; i++)
        {
            using var alone = BatchAugment.GaussianBlur(images[i..(i + 1)], sigma[i..(i + 1)], 5);
            Assert.True(TestImages.MaxAbsDiff(both[i..(i + 1)], alone) < 1e-6);
        }
    }

    [Fact]
    public void Blur_probability_0_never_applies_and_1_always_does()
    {
        using var images = TestImages.Random(64, 3, 16, 16);
        using var g = new Generator(3);
        using var never = BatchAugment.RandomGaussianBlur(images, 0, 1, 2, g);
        using var always = BatchAugment.RandomGaussianBlur(images, 1, 1, 2, g);
        Assert.True(TestImages.Identical(never, images));
        Assert.DoesNotContain(false, TestImages.Changed(always, images));
    }

    [Theory]
    [InlineData(32, 3)]
    [InlineData(64, 7)]
    [InlineData(96, 9)]
    [InlineData(224, 23)]
    public void Kernel_is_about_a_tenth_of_the_side_and_odd(int side, int expected) =>
        Assert.Equal(expected, BatchAugment.BlurKernelSize(side));
}
