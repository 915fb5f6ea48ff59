using SkiaSharp;
using Ssl.Training.Data;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Data;

public class ImageFolderReaderTests
{
    [Fact]
    public void Sub_folders_are_classes_in_sorted_order_and_png_and_jpeg_both_decode()
    {
        using var dir = new TempFolder();
        for (var i = 0; i < 10; i++)
        {
            TestImages.Write(dir.File("zebra", $"{i}.png"), TestImages.Solid(20, 20, new SKColor(250, 10, 10)));
            TestImages.Write(dir.File("ant", $"{i}.jpg"),
                TestImages.Solid(40, 30, new SKColor(10, 10, 250), SKEncodedImageFormat.Jpeg));
        }
        File.WriteAllText(dir.File("ant", "notes.txt"), "not an image, ignored by extension");

        using var split = ImageFolderReader.Read(dir.Path, new ImageFolderOptions
        {
            Resolution = 16, TestFraction = 0
        });
        Assert.Equal(["ant", "zebra"], split.Train.ClassNames);
        Assert.Equal([20L, 3, 16, 16], split.Train.Images.shape);
        using var scope = NewDisposeScope();
        var ants = split.Train.Images[split.Train.Labels!.eq(0)].to(float32).mean([0L, 2L, 3L]).data<float>().ToArray();
        var zebras = split.Train.Images[split.Train.Labels!.eq(1)].to(float32).mean([0L, 2L, 3L]).data<float>()
            .ToArray();
        Assert.True(ants[2] > 230 && ants[0] < 30, $"ants (JPEG) should be blue, got {string.Join(",", ants)}");
        Assert.True(zebras[0] > 240 && zebras[2] < 20, $"zebras (PNG) should be red, got {string.Join(",", zebras)}");
    }

    [Fact]
    public void The_shorter_side_is_scaled_and_the_centre_cropped()
    {
        using var dir = new TempFolder();
        // 64x32: blue left quarter, red centre half, green right quarter. The centre 32x32 square is all red.
        TestImages.Write(dir.File("a.png"), TestImages.Encode(64, 32, (x, _) =>
            x < 16 ? new SKColor(0, 0, 255) : x >= 48 ? new SKColor(0, 255, 0) : new SKColor(255, 0, 0)));

        using var split = ImageFolderReader.Read(dir.Path, new ImageFolderOptions { Resolution = 8, TestFraction = 0 });
        var pixels = split.Train.Images.data<byte>().ToArray();
        Assert.All(pixels[..64], r => Assert.True(r > 240, $"red {r}"));
        Assert.All(pixels[64..], gb => Assert.True(gb < 15, $"green/blue {gb}"));
    }

    [Fact]
    public void Exact_resize_keeps_the_whole_image_squeezed()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("a.png"),
            TestImages.Encode(64, 32, (x, _) => x < 16 ? new SKColor(0, 0, 255) : new SKColor(255, 0, 0)));

        using var split = ImageFolderReader.Read(dir.Path, new ImageFolderOptions
        {
            Resolution = 8, TestFraction = 0, Resize = ResizeMode.Exact
        });
        using var image = split.Train.Images[0];
        // the blue quarter survives on the left
        Assert.InRange(image[2, .., 0].to(float32).mean().item<float>(), 200f, 255f);
        Assert.InRange(image[0, .., 7].to(float32).mean().item<float>(), 200f, 255f); // red on the right
    }

    [Fact]
    public void A_large_jpeg_is_reduced_to_the_resolution_keeping_its_colours()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("big.jpg"),
            TestImages.Encode(256, 256, (x, y) => x < 128 ? new SKColor(255, 255, 0) : new SKColor(0, 0, 0),
                SKEncodedImageFormat.Jpeg));

        using var split = ImageFolderReader.Read(dir.Path, new ImageFolderOptions
        {
            Resolution = 32, TestFraction = 0
        });
        using var image = split.Train.Images[0].to(float32);
        Assert.InRange(image[0, .., ..8].mean().item<float>(), 240f, 255f);   // red plane, left
        Assert.InRange(image[0, .., 24..].mean().item<float>(), 0f, 15f);     // red plane, right
        Assert.InRange(image[2].mean().item<float>(), 0f, 15f);               // no blue anywhere
    }

    [Fact]
    public void Grayscale_gives_one_channel_of_luma()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("g.png"), TestImages.Solid(16, 16, new SKColor(200, 100, 50)));

        using var split = ImageFolderReader.Read(dir.Path, new ImageFolderOptions
        {
            Resolution = 16, Color = ColorMode.Grayscale, TestFraction = 0
        });
        Assert.Equal([1L, 1, 16, 16], split.Train.Images.shape);
        // 0.299*200 + 0.587*100 + 0.114*50 = 124.3
        Assert.All(split.Train.Images.data<byte>().ToArray(), v => Assert.Equal(124, v));
    }

    [Theory]
    [InlineData(ColorMode.Rgb)]
    [InlineData(ColorMode.Grayscale)]
    public void A_grayscale_png_decodes_to_what_the_same_pixels_in_rgb_give(ColorMode color)
    {
        using var dir = new TempFolder();
        static byte Level(int x, int y) => (byte)((x * 37 + y * 11 + x * y) % 256);
        using (var gray = new SKBitmap(new SKImageInfo(48, 40, SKColorType.Gray8, SKAlphaType.Opaque)))
        {
            for (var y = 0; y < 40; y++)
            for (var x = 0; x < 48; x++)
                gray.GetPixelSpan()[y * 48 + x] = Level(x, y);
            using var image = SKImage.FromBitmap(gray);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            TestImages.Write(dir.File("gray/g.png"), png.ToArray());
        }
        TestImages.Write(dir.File("rgb/g.png"), TestImages.Encode(48, 40, (x, y) =>
            new SKColor(Level(x, y), Level(x, y), Level(x, y))));
        using (var codec = SKCodec.Create(dir.File("gray/g.png")))
            Assert.Equal(SKColorType.Gray8, codec.Info.ColorType);

        var options = new ImageFolderOptions { Resolution = 16, Color = color, TestFraction = 0 };
        using var fromGray = ImageFolderReader.Read(dir.File("gray"), options);
        using var fromRgb = ImageFolderReader.Read(dir.File("rgb"), options);
        var expected = fromRgb.Train.Images.data<byte>().ToArray();
        Assert.True(expected.Distinct().Count() > 10); // scaled and cropped, not flat
        Assert.Equal(expected, fromGray.Train.Images.data<byte>().ToArray());
    }

    [Fact]
    public void Transparent_pixels_become_white()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("t.png"), TestImages.Solid(16, 16, new SKColor(0, 0, 0, 0)));

        using var split = ImageFolderReader.Read(dir.Path, new ImageFolderOptions
        {
            Resolution = 16, TestFraction = 0
        });
        Assert.All(split.Train.Images.data<byte>().ToArray(), v => Assert.Equal(255, v));
    }

    [Fact]
    public void A_folder_without_sub_folders_is_unlabelled()
    {
        using var dir = new TempFolder();
        for (var i = 0; i < 5; i++) TestImages.Write(dir.File($"{i}.png"), TestImages.Solid(16, 16, SKColors.Gray));

        using var split = ImageFolderReader.Read(dir.Path, new ImageFolderOptions { Resolution = 8 });
        Assert.Null(split.Train.Labels);
        Assert.Empty(split.Train.ClassNames);
        Assert.Equal(5, split.Train.Count + split.Test.Count);
    }

    [Fact]
    public void Train_and_test_sub_folders_define_the_split()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("train", "cat", "1.png"), TestImages.Solid(16, 16, SKColors.Gray));
        TestImages.Write(dir.File("train", "dog", "1.png"), TestImages.Solid(16, 16, SKColors.Gray));
        TestImages.Write(dir.File("train", "dog", "2.png"), TestImages.Solid(16, 16, SKColors.Gray));
        TestImages.Write(dir.File("test", "emu", "1.png"), TestImages.Solid(16, 16, SKColors.Gray));

        using var split = ImageFolderReader.Read(dir.Path, new ImageFolderOptions { Resolution = 8 });
        Assert.Equal(["cat", "dog", "emu"], split.Train.ClassNames);
        Assert.Equal([0L, 1, 1], split.Train.Labels!.data<long>().ToArray());
        Assert.Equal([2L], split.Test.Labels!.data<long>().ToArray());
    }

    [Fact]
    public void The_hashed_split_sends_about_the_asked_share_to_test_and_is_the_same_every_time()
    {
        using var dir = new TempFolder();
        var png = TestImages.Solid(8, 8, SKColors.Gray);
        for (var i = 0; i < 200; i++) TestImages.Write(dir.File(i % 2 == 0 ? "a" : "b", $"img{i}.png"), png);

        var options = new ImageFolderOptions { Resolution = 8, TestFraction = 0.2 };
        using var first = ImageFolderReader.Read(dir.Path, options);
        using var second = ImageFolderReader.Read(dir.Path, options);
        Assert.InRange(first.Test.Count, 25, 55);
        Assert.Equal(first.Test.Labels!.data<long>().ToArray(), second.Test.Labels!.data<long>().ToArray());
        Assert.Equal(200, first.Train.Count + first.Test.Count);
    }

    [Fact]
    public void A_file_that_cannot_be_decoded_is_an_error_naming_it()
    {
        using var dir = new TempFolder();
        TestImages.Write(dir.File("a", "good.png"), TestImages.Solid(16, 16, SKColors.Gray));
        var bad = dir.File("a", "bad.png");
        File.WriteAllText(bad, "this is text, not a PNG");

        var e = Assert.Throws<DatasetException>(
            () => ImageFolderReader.Read(dir.Path, new ImageFolderOptions { TestFraction = 0 }));
        Assert.Contains(bad, e.Message);
        Assert.Contains("not an image", e.Message);
    }

    [Fact]
    public void A_folder_with_no_images_is_an_error_naming_it()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("readme.txt"), "nothing here");

        var e = Assert.Throws<DatasetException>(() => ImageFolderReader.Read(dir.Path));
        Assert.Contains(dir.Path, e.Message);
    }
}
