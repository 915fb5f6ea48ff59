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

    [Fact]
    public void The_data_get_what_the_model_leaves_of_the_process_budget() =>
        Assert.Equal(324L << 20, MemoryBudget.DataShare(1L << 30, 700L << 20, 100L << 20));

    [Fact]
    public void A_budget_the_model_leaves_too_little_of_names_the_option_the_model_and_the_least_that_works()
    {
        var e = Assert.Throws<ArgumentException>(() => MemoryBudget.DataShare(1L << 30, 1000L << 20, 100L << 20));
        Assert.StartsWith("--memory-budget:", e.Message);
        Assert.Contains("takes 1000 MiB", e.Message);
        Assert.Contains("leaves 24 MiB", e.Message);
        Assert.Contains("at least 1100 MiB", e.Message);
    }

    [Fact]
    public void A_model_over_the_whole_budget_leaves_nothing_and_names_the_field_given()
    {
        var e = Assert.Throws<ArgumentException>(
            () => MemoryBudget.DataShare(512L << 20, 600L << 20, 1, "Worker:MemoryBudget"));
        Assert.StartsWith("Worker:MemoryBudget:", e.Message);
        Assert.Contains("leaves 0 MiB", e.Message);
    }
}
