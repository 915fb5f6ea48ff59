using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>The worker's host for a cloud verb, with configuration from the environment and the verb's unmatched
/// tokens; a missing connection string is a user error with the setting's name, not a stack trace.</summary>
public static class ClientHost
{
    /// <param name="settings">Configuration the verb sets itself (<c>--Section:Key value</c> pairs), before the
    /// user's, so an explicit setting on the command line still wins.</param>
    public static IHost Build(ParseResult parse, params string[] settings)
    {
        var host = WorkerHost.Build([.. settings, .. parse.UnmatchedTokens]);
        try
        {
            _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
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
