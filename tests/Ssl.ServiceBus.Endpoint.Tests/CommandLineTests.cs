namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void The_documented_command_line_configures_port_and_queue_settings()
    {
        var ok = CommandLine.TryParse(
            ["--port", "5672", "--queue", "training", "--queue", "eval", "--lock-duration", "00:00:30",
                "--max-delivery-count", "4",
             "--duplicate-detection-window", "00:10:00", "--no-auto-create"],
            out var options,
            out _);

        Assert.True(ok);
        Assert.Equal(5672, options!.Port);
        Assert.False(options.AutoCreateQueues);
        Assert.Equal(["training", "eval"], options.Queues.Select(q => q.Name));
        Assert.All(options.Queues, q =>
        {
            Assert.Equal(TimeSpan.FromSeconds(30), q.LockDuration);
            Assert.Equal(4, q.MaxDeliveryCount);
            Assert.Equal(TimeSpan.FromMinutes(10), q.DuplicateDetectionWindow);
        });
    }

    [Fact]
    public void An_unknown_option_is_reported()
    {
        var ok = CommandLine.TryParse(["--queue", "training", "--lock", "30"], out _, out var error);

        Assert.False(ok);
        Assert.Contains("--lock", error);
    }
}
