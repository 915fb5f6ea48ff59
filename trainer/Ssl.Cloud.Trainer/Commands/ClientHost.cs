using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.AzureClients;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>The worker's host for a cloud verb, with configuration from the environment and the verb's unmatched
/// tokens; a missing or contradictory connection setting is a user error naming the settings, not a stack trace.</summary>
public static class ClientHost
{
    public static IHost Build(ParseResult parse)
    {
        var host = WorkerHost.Build([.. parse.UnmatchedTokens]);
        try
        {
            _ = host.Services.GetRequiredService<IOptions<StorageConnectionOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<ServiceBusConnectionOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            host.Dispose();
            throw new ArgumentException(string.Join("; ", e.Failures), e);
        }
        return host;
    }
}
