using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Messaging.ServiceBus;

namespace Ssl.ServiceBus.Endpoint.Tests;

public sealed partial class StandaloneEndpointTests
{
    [Fact]
    public async Task The_endpoint_runs_as_its_own_process_from_the_documented_command_line()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "Ssl.ServiceBus.Endpoint.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList =
            {
                exe, "--port", "0", "--queue", "training", "--lock-duration", "00:00:30", "--max-delivery-count", "10"
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var port = int.Parse(ListeningPort().Match(banner ?? "").Groups[1].Value);
            await using var client = new ServiceBusClient(
                $"Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true");
            await using var sender = client.CreateSender("training");
            await using var receiver = client.CreateReceiver("training");

            await sender.SendMessageAsync(new ServiceBusMessage("from another process"));
            var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("from another process", received!.Body.ToString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"Listening on [^:]+:(\d+)")]
    private static partial Regex ListeningPort();
}
