using Ssl.Training.Augmentations;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

public class ResizedCropTests
{
    static readonly ViewRecipe WholeImage = new()
    {
        ScaleMin = 1, ScaleMax = 1, RatioMin = 1, RatioMax = 1, FlipProbability = 0
    };

    [Fact]
    public void Crop_of_the_whole_image_without_flip_is_the_identity()
    {
        using var images = TestImages.Random(8, 3, 32, 32);
        using var g = new Generator(1);
        using var crops = BatchAugment.RandomResizedCrop(images, WholeImage, g);
        Assert.True(TestImages.MaxAbsDiff(crops, images) < 1e-5);
    }

    [Fact]
    public void Forced_flip_of_the_whole_image_is_a_horizontal_mirror()
    {
        using var images = TestImages.Random(8, 3, 32, 32);
        using var g = new Generator(1);
        using var crops = BatchAugment.RandomResizedCrop(images, WholeImage with { FlipProbability = 1 }, g);
        using var mirrored = images.flip(3);
        Assert.True(TestImages.MaxAbsDiff(crops, mirrored) < 1e-5);
    }

    [Fact]
    public void A_box_picks_out_exactly_its_pixels()
    {
        // Box (x0=8, y0=4, 16 x 16) of a 32 x 32 image, resized to 16: the pixels [4..20) x [8..24).
        using var images = TestImages.Random(2, 3, 32, 32);
        using var boxes = tensor(new float[] { 8, 4, 16, 16, 0, 0, 16, 16 }).view(2, 4);
        using var flip = tensor(new[] { false, true });
        using var crops = BatchAugment.ResizedCrop(images, boxes, flip, 16);
        using var first = images[0..1, .., 4..20, 8..24];
        using var second = images[1..2, .., 0..16, 0..16].flip(3);
        Assert.True(TestImages.MaxAbsDiff(crops[0..1], first) < 1e-5);
        Assert.True(TestImages.MaxAbsDiff(crops[1..2], second) < 1e-5);
    }

    [Fact]
    public void Flip_probability_0_never_mirrors_and_1_always_does()
    {
        // With whole-image crops, an image changes only if it was mirrored.
        using var images = TestImages.Random(64, 3, 32, 32);
        using var g = new Generator(2);
        using var never = BatchAugment.RandomResizedCrop(images, WholeImage, g);
        using var always = BatchAugment.RandomResizedCrop(images, WholeImage with { FlipProbability = 1 }, g);
        using var half = BatchAugment.RandomResizedCrop(images, WholeImage with { FlipProbability = 0.5 }, g);
        Assert.DoesNotContain(true, TestImages.Changed(never, images, 1e-4));
        Assert.DoesNotContain(false, TestImages.Changed(always, images, 1e-4));
        Assert.InRange(TestImages.Changed(half, images, 1e-4).Count(x => x), 16, 48);
    }

    [Fact]
    public void Sampled_boxes_lie_inside_the_image_with_area_and_ratio_in_range_and_differ_per_image()
    {
        var recipe = ViewRecipe.Cifar();
        using var g = new Generator(3);
        using var boxes = BatchAugment.SampleCropBoxes(1000, 32, 48, recipe, g, CPU);
        var b = TestImages.Values(boxes);
        var distinctWidths = new HashSet<float>();
        for (var i = 0; i < 1000; i++)
        {
            var (x0, y0, w, h) = (b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]);
            Assert.True(x0 >= 0 && y0 >= 0 && x0 + w <= 48 + 1e-3 && y0 + h <= 32 + 1e-3,
                $"box {i} ({x0},{y0},{w},{h}) leaves the image");
            Assert.InRange(w * h / (32.0 * 48), recipe.ScaleMin - 1e-4, recipe.ScaleMax + 1e-4);
            Assert.InRange(w / h, recipe.RatioMin - 1e-4, recipe.RatioMax + 1e-4);
            distinctWidths.Add(w);
        }
        Assert.True(distinctWidths.Count > 900);
    }

    [Fact]
    public void When_no_draw_fits_the_crop_falls_back_to_the_centred_whole_image_at_the_nearest_ratio()
    {
        // A 16 x 64 strip cannot hold a square crop of the whole area: torchvision's fallback keeps the full
        // height and cuts the width to height * RatioMax, centred.
        var recipe = WholeImage;
        using var g = new Generator(4);
        using var boxes = BatchAugment.SampleCropBoxes(4, 16, 64, recipe, g, CPU);
        var b = TestImages.Values(boxes);
        for (var i = 0; i < 4; i++)
            Assert.Equal(new[] { 24f, 0f, 16f, 16f }, b[(4 * i)..(4 * i + 4)]);
    }

    [Fact]
    public void Copies_of_one_image_are_cropped_differently()
    {
        using var one = TestImages.Random(1, 3, 32, 32);
        using var batch = TestImages.Copies(one, 16);
        using var g = new Generator(5);
        using var crops = BatchAugment.RandomResizedCrop(batch, ViewRecipe.Cifar() with { FlipProbability = 0 }, g);
        Assert.Equal(16, TestImages.DistinctCount(crops));
    }
}
