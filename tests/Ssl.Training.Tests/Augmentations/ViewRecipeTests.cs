using Ssl.Training.Augmentations;

namespace Ssl.Training.Tests.Augmentations;

public class ViewRecipeTests
{
    [Fact]
    public void Byol_views_differ_in_blur_and_solarize_as_in_the_paper()
    {
        var (first, second) = (ViewRecipe.ByolFirst(), ViewRecipe.ByolSecond());
        Assert.Equal((1.0, 0.0), (first.BlurProbability, first.SolarizeProbability));
        Assert.Equal((0.1, 0.2), (second.BlurProbability, second.SolarizeProbability));
        Assert.Equal(first with { BlurProbability = 0.1, SolarizeProbability = 0.2 }, second);
    }

    [Theory]
    [InlineData(224, 0.05, 0.14)]
    [InlineData(32, 0.0625, 0.175)]
    public void Local_crops_keep_the_swav_range_on_large_images_and_at_least_8x8_pixels_on_small_ones(int side,
        double min, double max)
    {
        var local = ViewRecipe.LocalCrop(16, side);
        Assert.Equal(min, local.ScaleMin, 9);
        Assert.Equal(max, local.ScaleMax, 9);
        Assert.True(local.ScaleMin * side * side >= 64 - 1e-9);
    }

    [Fact]
    public void All_presets_are_valid_and_a_bad_field_is_named()
    {
        foreach (var r in new[] { ViewRecipe.Cifar(), ViewRecipe.ByolFirst(), ViewRecipe.ByolSecond(),
            ViewRecipe.LocalCrop(), ViewRecipe.LocalCrop(12, 28) })
            r.Validate();
        Assert.Equal(nameof(ViewRecipe.ScaleMin),
            Assert.Throws<ArgumentException>(() => (ViewRecipe.Cifar() with { ScaleMin = 0 }).Validate()).ParamName);
        Assert.Equal(nameof(ViewRecipe.Hue),
            Assert.Throws<ArgumentException>(() => (ViewRecipe.Cifar() with { Hue = 0.6 }).Validate()).ParamName);
    }
}
