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
    /// <param name="settings">Configuration that a verb's own options imply (<c>--Worker:Once true</c>), placed
    /// before the user's.</param>
    public static IHost Build(ParseResult parse, params string[] settings)
    {
        IHost? host = null;
        try
        {
            // Building the host already reads WorkerOptions (the grace period is the host's shutdown timeout).
            host = WorkerHost.Build([.. settings, .. parse.UnmatchedTokens]);
            _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            host?.Dispose();
            throw new ArgumentException(string.Join("; ", e.Failures), e);
        }
        return host;
    }
}
