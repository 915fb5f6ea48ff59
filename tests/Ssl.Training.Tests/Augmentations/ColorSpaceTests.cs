using Ssl.Training.Augmentations;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

public class ColorSpaceTests
{
    [Fact]
    public void Primary_and_gray_colours_have_their_textbook_hsv()
    {
        using var rgb = TestImages.Solid(
            [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0.5f, 0.5f, 0.5f], [0.2f, 0.4f, 0.4f]], 1, 1);
        using var hsv = ColorSpace.RgbToHsv(rgb);
        var v = TestImages.Values(hsv);
        float[][] expected = [[0, 1, 1], [1 / 3f, 1, 1], [2 / 3f, 1, 1], [1 / 6f, 1, 1], [0, 0, 0.5f],
            [0.5f, 0.5f, 0.4f]];
        for (var i = 0; i < expected.Length; i++)
            for (var k = 0; k < 3; k++)
                Assert.Equal(expected[i][k], v[3 * i + k], 5);
    }

    [Fact]
    public void Rgb_to_hsv_and_back_round_trips()
    {
        using var rgb = TestImages.Random(8, 3, 16, 16);
        using var hsv = ColorSpace.RgbToHsv(rgb);
        using var back = ColorSpace.HsvToRgb(hsv);
        Assert.True(TestImages.MaxAbsDiff(back, rgb) < 1e-5);
    }

    [Fact]
    public void Luma_of_a_known_colour_uses_the_601_weights()
    {
        using var rgb = TestImages.Solid([[0.2f, 0.6f, 1.0f]], 2, 2);
        using var luma = ColorSpace.Luma(rgb);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, luma.shape);
        Assert.All(TestImages.Values(luma), y => Assert.Equal(0.299 * 0.2 + 0.587 * 0.6 + 0.114 * 1.0, y, 5));
    }
}
