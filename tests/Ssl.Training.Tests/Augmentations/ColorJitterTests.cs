using Ssl.Training.Augmentations;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

public class ColorJitterTests
{
    [Fact]
    public void Brightness_scales_each_image_by_its_own_factor_and_clamps()
    {
        using var images = TestImages.Solid([[0.5f, 0.25f, 0.1f], [0.5f, 0.25f, 0.1f]], 1, 1);
        using var factors = tensor(new[] { 1.5f, 3f });
        using var bright = BatchAugment.AdjustBrightness(images, factors);
        Assert.Equal(new[] { 0.75f, 0.375f, 0.15f, 1f, 0.75f, 0.3f }, TestImages.Values(bright),
            new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Contrast_blends_towards_the_mean_luma()
    {
        // Two pixels, gray 0.2 and 0.6: mean luma 0.4; factor 0.5 gives 0.3 and 0.5; factor 0 gives the mean.
        using var images = tensor(new float[] { 0.2f, 0.6f, 0.2f, 0.6f, 0.2f, 0.6f })
            .view(1, 3, 1, 2).expand(2, 3, 1, 2).contiguous();
        using var factors = tensor(new[] { 0.5f, 0f });
        using var result = BatchAugment.AdjustContrast(images, factors);
        Assert.Equal(new[] { 0.3f, 0.5f, 0.3f, 0.5f, 0.3f, 0.5f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f },
            TestImages.Values(result), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Saturation_0_is_grayscale_and_1_is_identity()
    {
        using var images = TestImages.Random(2, 3, 8, 8);
        using var factors = tensor(new[] { 0f, 1f });
        using var result = BatchAugment.AdjustSaturation(images, factors);
        using var gray = BatchAugment.Grayscale(images);
        Assert.True(TestImages.MaxAbsDiff(result[0], gray[0]) < 1e-6);
        Assert.True(TestImages.MaxAbsDiff(result[1], images[1]) < 1e-6);
    }

    [Fact]
    public void Hue_shift_0_is_identity_and_a_third_turn_cycles_the_primaries()
    {
        using var images = TestImages.Random(4, 3, 8, 8);
        using var none = zeros(4);
        using var same = BatchAugment.AdjustHue(images, none);
        Assert.True(TestImages.MaxAbsDiff(same, images) < 1e-5);

        using var red = TestImages.Solid([[1, 0, 0], [1, 0, 0]], 1, 1);
        using var shifts = tensor(new[] { 1 / 3f, -1 / 3f });
        using var turned = BatchAugment.AdjustHue(red, shifts);
        Assert.Equal(new[] { 0f, 1f, 0f, 0f, 0f, 1f }, TestImages.Values(turned), new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Jitter_factors_differ_per_image()
    {
        // Brightness only, on a constant 0.5 image: each output is 0.5 * its factor.
        using var images = full(16, 3, 4, 4, 0.5f);
        var recipe = new ViewRecipe { JitterProbability = 1, Contrast = 0, Saturation = 0, Hue = 0 };
        using var g = new Generator(6);
        using var result = BatchAugment.ColorJitter(images, recipe, g);
        var factors = TestImages.Values(result[.., 0, 0, 0]).Select(v => v / 0.5f).ToArray();
        Assert.All(factors, f => Assert.InRange(f, 0.6f, 1.4f));
        Assert.Equal(16, factors.Distinct().Count());
    }

    [Fact]
    public void Jitter_probability_0_never_applies_and_1_always_does()
    {
        using var images = TestImages.Random(64, 3, 8, 8);
        using var g = new Generator(7);
        using var never = BatchAugment.ColorJitter(images, new ViewRecipe { JitterProbability = 0 }, g);
        using var always = BatchAugment.ColorJitter(images, new ViewRecipe { JitterProbability = 1 }, g);
        using var most = BatchAugment.ColorJitter(images, new ViewRecipe(), g);
        Assert.True(TestImages.Identical(never, images));
        Assert.DoesNotContain(false, TestImages.Changed(always, images));
        Assert.InRange(TestImages.Changed(most, images).Count(x => x), 40, 62);
    }

    [Fact]
    public void Gray_images_get_brightness_and_contrast_only()
    {
        // On a constant gray image contrast is a no-op, so only brightness can move it; saturation and hue must
        // not throw.
        using var images = full(8, 1, 4, 4, 0.5f);
        using var g = new Generator(8);
        using var jittered = BatchAugment.ColorJitter(images,
            new ViewRecipe { JitterProbability = 1, Brightness = 0 }, g);
        Assert.True(TestImages.MaxAbsDiff(jittered, images) < 1e-6);
        using var bright = BatchAugment.ColorJitter(images, new ViewRecipe { JitterProbability = 1 }, g);
        Assert.Equal(new long[] { 8, 1, 4, 4 }, bright.shape);
        Assert.DoesNotContain(false, TestImages.Changed(bright, images));
    }

    [Fact]
    public void Each_image_is_jittered_in_its_own_random_order()
    {
        // The expected output replays the same draws (mask, the four factors, one order per image) and applies the
        // ops image by image in that image's order. A per-batch order draws and applies differently and fails.
        using var images = TestImages.Random(48, 3, 6, 6);
        var recipe = new ViewRecipe { JitterProbability = 1, Brightness = 0.8, Contrast = 0.8, Saturation = 0.8 };
        using var g = new Generator(11);
        using var jittered = BatchAugment.ColorJitter(images, recipe, g);

        using var replay = new Generator(11);
        using var apply = rand([48], generator: replay);
        var factors = new[]
        {
            Draw(replay, 0.2, 1.8), Draw(replay, 0.2, 1.8), Draw(replay, 0.2, 1.8), Draw(replay, -0.1, 0.1),
        };
        using var u = rand([48, 4], generator: replay);
        using var orders = u.argsort(1);
        var order = orders.data<long>().ToArray();
        Assert.True(order.Chunk(4).Select(o => string.Join(",", o)).Distinct().Count() > 10);

        for (var i = 0; i < 48; i++)
        {
            var y = images[i..(i + 1)].clone();
            foreach (var op in order[(4 * i)..(4 * i + 4)])
            {
                using var f = factors[op][i..(i + 1)];
                using var before = y;
                y = op switch
                {
                    0 => BatchAugment.AdjustBrightness(before, f),
                    1 => BatchAugment.AdjustContrast(before, f),
                    2 => BatchAugment.AdjustSaturation(before, f),
                    _ => BatchAugment.AdjustHue(before, f),
                };
            }
            using (y) Assert.True(TestImages.MaxAbsDiff(jittered[i..(i + 1)], y) < 1e-5, $"image {i}");
        }
        foreach (var f in factors) f.Dispose();
    }

    static Tensor Draw(Generator g, double low, double high)
    {
        using var u = rand([48], generator: g);
        return u * (high - low) + low;
    }
}
