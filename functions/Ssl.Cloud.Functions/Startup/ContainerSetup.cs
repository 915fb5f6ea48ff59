using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Functions.Configuration;

namespace Ssl.Cloud.Functions.Startup;

/// <summary>Creates the <c>datasets</c>, <c>runs</c> and <c>schedules</c> containers at start-up if they are
/// missing, so that a fresh emulator account works from the first request (in Azure, infra makes them and this
/// finds them there). A refusal is logged, not fatal: an identity without the right to create them may still use
/// them.</summary>
public sealed class ContainerSetup(
    BlobServiceClient service, IOptions<PipelineOptions> options, ILogger<ContainerSetup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        foreach (var name in new[] { o.DatasetsContainer, o.RunsContainer, o.SchedulesContainer })
        {
            try
            {
                if (await service.GetBlobContainerClient(name)
                        .CreateIfNotExistsAsync(cancellationToken: cancellationToken) is not null)
                    log.LogInformation("Created container {Container}", name);
            }
            catch (RequestFailedException e) when (e.Status is 401 or 403)
            {
                log.LogWarning("Cannot create container {Container} ({Status}); it must exist already", name, e.Status);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
