using Ssl.Training.Augmentations;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

public class BatchAugmentApplyTests
{
    static readonly ViewRecipe[] Recipes = [ViewRecipe.Cifar(), ViewRecipe.ByolFirst(), ViewRecipe.ByolSecond(),
        ViewRecipe.LocalCrop(16, 32)];

    [Fact]
    public void Each_copy_of_one_image_gets_its_own_view()
    {
        using var one = TestImages.Random(1, 3, 32, 32);
        using var batch = TestImages.Copies(one, 16);
        foreach (var recipe in Recipes)
        {
            using var g = new Generator(1);
            using var views = BatchAugment.Apply(batch, recipe, g);
            Assert.Equal(16, TestImages.DistinctCount(views));
        }
    }

    [Fact]
    public void Same_seed_gives_identical_views_and_another_seed_different_ones()
    {
        using var images = TestImages.RandomBytes(8, 3, 32, 32);
        foreach (var recipe in Recipes)
        {
            using var g1 = new Generator(42);
            using var g2 = new Generator(42);
            using var g3 = new Generator(43);
            using var a = BatchAugment.Apply(images, recipe, g1);
            using var b = BatchAugment.Apply(images, recipe, g2);
            using var c = BatchAugment.Apply(images, recipe, g3);
            Assert.True(TestImages.Identical(a, b));
            Assert.True(TestImages.MaxAbsDiff(a, c) > 0.01);
        }
    }

    [Theory]
    [InlineData(ScalarType.Byte, 3, 32, 32, 32)]
    [InlineData(ScalarType.Float32, 3, 32, 32, 32)]
    [InlineData(ScalarType.Byte, 1, 28, 28, 28)]
    [InlineData(ScalarType.Float32, 1, 28, 28, 24)]
    [InlineData(ScalarType.Byte, 3, 40, 64, 32)]
    [InlineData(ScalarType.Float32, 3, 96, 50, 64)]
    [InlineData(ScalarType.Float64, 3, 32, 32, 16)]
    public void Views_are_float32_of_the_recipe_size_and_within_0_and_1(ScalarType dtype, int channels, int height,
        int width, int size)
    {
        using var bytes = TestImages.RandomBytes(12, channels, height, width);
        using var images = dtype == ScalarType.Byte ? bytes.clone() : (bytes.to(dtype) / 255.0);
        var recipe = ViewRecipe.ByolSecond(size) with { SolarizeProbability = 0.5, BlurProbability = 0.5 };
        using var g = new Generator(3);
        using var views = BatchAugment.Apply(images, recipe, g);
        Assert.Equal(ScalarType.Float32, views.dtype);
        Assert.Equal(new long[] { 12, channels, size, size }, views.shape);
        Assert.True(views.min().item<float>() >= 0f);
        Assert.True(views.max().item<float>() <= 1f);
        Assert.True(views.std().item<float>() > 0.05f);
    }

    [Fact]
    public void Uint8_and_the_same_images_as_float_give_the_same_views()
    {
        using var bytes = TestImages.RandomBytes(8, 3, 32, 32);
        using var floats = bytes.to(ScalarType.Float32) / 255.0;
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        using var a = BatchAugment.Apply(bytes, ViewRecipe.ByolSecond(), g1);
        using var b = BatchAugment.Apply(floats, ViewRecipe.ByolSecond(), g2);
        Assert.True(TestImages.MaxAbsDiff(a, b) < 1e-5);
    }

    [Fact]
    public void Apply_neither_disposes_nor_changes_its_input()
    {
        using var images = TestImages.Random(4, 3, 32, 32);
        using var before = images.clone();
        using var g = new Generator(1);
        using var views = BatchAugment.Apply(images, ViewRecipe.ByolSecond() with { SolarizeProbability = 1 }, g);
        Assert.False(images.IsInvalid);
        Assert.True(TestImages.Identical(images, before));
    }

    [Fact]
    public void Live_tensor_count_stays_flat_over_many_calls()
    {
        using var images = TestImages.RandomBytes(16, 3, 32, 32);
        using var g = new Generator(9);
        var recipe = ViewRecipe.ByolSecond() with { SolarizeProbability = 0.5, BlurProbability = 0.5 };
        BatchAugment.Apply(images, recipe, g).Dispose();
        long Live() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var start = Live();
        for (var i = 0; i < 10; i++)
        {
            using var scope = NewDisposeScope();
            BatchAugment.Apply(images, recipe, g);
            BatchAugment.Apply(images, ViewRecipe.LocalCrop(16, 32), g);
        }
        Assert.Equal(start, Live());

        // Without an outer scope only the result is the caller's: every intermediate must be gone.
        for (var i = 0; i < 10; i++)
            BatchAugment.Apply(images, recipe, g).Dispose();
        Assert.Equal(start, Live());
    }

    [Fact]
    public void Multi_crop_gives_one_view_per_recipe_at_its_size_each_drawn_afresh()
    {
        using var images = TestImages.RandomBytes(4, 3, 32, 32);
        using var g = new Generator(11);
        var global = ViewRecipe.Cifar();
        var views = BatchAugment.Apply(images,
            [global, global, ViewRecipe.LocalCrop(16, 32), ViewRecipe.LocalCrop(16, 32)], g);
        try
        {
            Assert.Equal(new long[] { 32, 32, 16, 16 }, views.Select(v => v.shape[2]).ToArray());
            Assert.True(TestImages.MaxAbsDiff(views[0], views[1]) > 0.01);
            Assert.True(TestImages.MaxAbsDiff(views[2], views[3]) > 0.01);
        }
        finally
        {
            foreach (var v in views) v.Dispose();
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Images_that_are_not_1_or_3_channel_batches_are_rejected(int channels)
    {
        using var images = zeros(2, channels, 8, 8);
        using var g = new Generator(1);
        Assert.Throws<ArgumentException>(() => BatchAugment.Apply(images, ViewRecipe.Cifar(), g));
    }

    [Fact]
    public void A_recipe_out_of_range_is_rejected_naming_the_field()
    {
        using var images = zeros(2, 3, 8, 8);
        using var g = new Generator(1);
        var ex = Assert.Throws<ArgumentException>(
            () => BatchAugment.Apply(images, ViewRecipe.Cifar() with { FlipProbability = 1.5 }, g));
        Assert.Equal(nameof(ViewRecipe.FlipProbability), ex.ParamName);
    }
}
