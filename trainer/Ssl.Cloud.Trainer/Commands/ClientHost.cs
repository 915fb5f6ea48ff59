using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>The worker's host for a cloud verb, with configuration from the environment and the verb's unmatched
/// tokens; a missing or contradictory connection setting is a user error naming the settings, not a stack
/// trace.</summary>
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
            // Every connection setting at once (ValidateOnStart), so one run names all that is missing.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            _ = host.Services.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            host?.Dispose();
            throw new ArgumentException(string.Join("; ", failures), e);
        }
        return host;
    }

    static List<string> Failures(Exception e) => e switch
    {
        OptionsValidationException v => [.. v.Failures],
        AggregateException a when a.InnerExceptions.All(i => i is OptionsValidationException) =>
            [.. a.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)],
        _ => [],
    };
}
