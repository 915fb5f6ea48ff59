using Ssl.Imaging.Tests.Support;

namespace Ssl.Imaging.Tests;

public sealed class ImageHeaderTests
{
    public static TheoryData<string, byte[], long, long> Images => new()
    {
        { "png", ImageBytes.Png(640, 480), 640, 480 },
        { "jpeg", ImageBytes.Jpeg(1024, 768), 1024, 768 },
        { "gif", ImageBytes.Gif(32, 17), 32, 17 },
        { "bmp", ImageBytes.Bmp(100, -50), 100, 50 },
        { "webp", ImageBytes.WebPExtended(4000, 3000), 4000, 3000 },
        { "webp", ImageBytes.WebPLossless(300, 200), 300, 200 },
        { "webp", ImageBytes.WebPLossy(320, 240), 320, 240 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Format_and_size_come_from_the_header_alone(string format, byte[] head, long width, long height)
    {
        var (header, reason) = ImageHeader.Read(head);

        Assert.Null(reason);
        Assert.Equal(new ImageHeader(format, width, height), header);
    }

    [Fact]
    public void A_jpeg_frame_header_is_found_behind_large_metadata()
    {
        var (header, _) = ImageHeader.Read(ImageBytes.Jpeg(33, 44, metadataBytes: 60_000));

        Assert.Equal(new ImageHeader("jpeg", 33, 44), header);
    }

    [Fact]
    public void A_file_named_like_an_image_but_not_one_is_refused_with_its_first_bytes()
    {
        var (header, reason) = ImageHeader.Read("hello, world"u8);

        Assert.Null(header);
        Assert.Contains("68656C6C6F2C2077", reason);
    }

    [Fact]
    public void A_jpeg_cut_off_before_its_frame_header_is_refused()
    {
        var (header, reason) = ImageHeader.Read(ImageBytes.Jpeg(10, 10, metadataBytes: 100).AsSpan(0, 60));

        Assert.Null(header);
        Assert.Contains("JPEG", reason);
    }

    [Fact]
    public void A_header_that_declares_zero_pixels_is_refused()
    {
        var (header, reason) = ImageHeader.Read(ImageBytes.Png(0, 10));

        Assert.Null(header);
        Assert.Contains("0x10", reason);
    }

    [Fact]
    public void An_empty_file_is_refused_as_empty()
    {
        Assert.Equal("the file is empty", ImageHeader.Read([]).Reason);
    }

    [Fact]
    public void The_format_comes_from_the_magic_bytes_even_when_the_header_is_cut_short()
    {
        var head = ImageBytes.Png(8, 8).AsSpan(0, 8);

        Assert.Equal("png", ImageHeader.Sniff(head));
        Assert.Equal("PNG header is cut short", ImageHeader.Read(head).Reason);
    }

    [Fact]
    public void Bytes_of_no_known_format_sniff_as_null_and_are_described_by_their_first_eight()
    {
        Assert.Null(ImageHeader.Sniff("hello, world"u8));
        Assert.Equal("starts with bytes 68656C6C6F2C2077", ImageHeader.Describe("hello, world"u8));
    }

    [Theory]
    [InlineData("cat/1.PNG", true)]
    [InlineData("cat/1.jpeg", true)]
    [InlineData("cat/1.webp", true)]
    [InlineData("cat/notes.txt", false)]
    [InlineData("cat/png", false)]
    public void A_folder_reader_picks_files_by_extension(string path, bool picked)
    {
        Assert.Equal(picked, ImageHeader.HasImageExtension(path));
    }
}
