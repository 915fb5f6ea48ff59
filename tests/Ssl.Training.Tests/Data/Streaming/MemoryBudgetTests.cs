using Ssl.Training.Data;

namespace Ssl.Training.Tests.Data.Streaming;

public class MemoryBudgetTests
{
    [Theory]
    [InlineData("512M", 512L << 20)]
    [InlineData("4G", 4L << 30)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("64", 64L << 20)]
    [InlineData("100k", 100L << 10)]
    public void Sizes_are_read_in_binary_units_and_a_bare_number_is_mebibytes(string text, long bytes) =>
        Assert.Equal(bytes, MemoryBudget.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("-1G")]
    [InlineData("lots")]
    public void A_size_that_is_not_one_names_the_option(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => MemoryBudget.Parse(text));
        Assert.Contains("memory-budget", e.Message);
    }

    [Fact]
    public void The_default_is_at_most_half_of_what_the_device_has() =>
        Assert.InRange(MemoryBudget.Default(deviceTotalBytes: 1L << 30), 1, 1L << 29);
}
