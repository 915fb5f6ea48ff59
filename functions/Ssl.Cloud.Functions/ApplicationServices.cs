using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Ssl.Cloud.Core.AzureClients;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Resilience;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Datasets;
using Ssl.Cloud.Functions.Schedules;
using Ssl.Cloud.Functions.Startup;
using Ssl.Cloud.Functions.Storage;

namespace Ssl.Cloud.Functions;

/// <summary>The app's services: Core's stores and queue over the clients of
/// <see cref="AzureClientServices.AddAzureClients"/> (settings <c>Storage__*</c>, <c>ServiceBus__*</c>), and the
/// thin services the Functions call.</summary>
public static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<PipelineOptions>().Bind(config.GetSection(PipelineOptions.Section))
            .Validate(
                o => o.MaxRequestBytes > 0 && o.SasLifetime > TimeSpan.Zero && o.SasLifetime <= TimeSpan.FromHours(1),
                "Pipeline:MaxRequestBytes must be positive and Pipeline:SasLifetime at most an hour");
        services.AddOptions<StorageResilienceOptions>().Bind(config.GetSection(StorageResilienceOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        services.AddAzureClients(config,
            sp => StorageResilience.CreateBlobClientOptions(
                sp.GetRequiredService<IOptions<StorageResilienceOptions>>().Value),
            _ => new ServiceBusClientOptions());
        services.TryAddSingleton(sp => StorageResilience.CreatePipeline(
            sp.GetRequiredService<IOptions<StorageResilienceOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ssl.Cloud.Storage")));
        services.TryAddSingleton(sp => new RunStore(Container(sp, o => o.RunsContainer),
            sp.GetRequiredService<ResiliencePipeline>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new DatasetStore(Container(sp, o => o.DatasetsContainer),
            sp.GetRequiredService<ResiliencePipeline>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ScheduleStore(Container(sp, o => o.SchedulesContainer)));

        services.TryAddSingleton(sp => new TrainingQueue(sp.GetRequiredService<ServiceBusClient>()
            .CreateSender(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.QueueName)));
        if (config[$"{PipelineOptions.Section}:{nameof(PipelineOptions.PackQueueName)}"] is { Length: > 0 } packs)
            services.TryAddSingleton(sp =>
                new PackQueue(sp.GetRequiredService<ServiceBusClient>().CreateSender(packs)));
        services.TryAddSingleton(_ => RunService.CatalogValidator());

        services.TryAddSingleton<SasIssuer>();
        services.TryAddSingleton<RunService>();
        services.TryAddSingleton<DatasetService>();
        services.TryAddSingleton<DatasetValidation>();
        services.TryAddSingleton<TrainSpecStore>();
        services.TryAddSingleton<ImageCheck>();
        services.TryAddSingleton<ZipCheck>();
        services.TryAddSingleton<ScheduleRunner>();
        services.TryAddSingleton<ScheduleService>();
        services.TryAddSingleton<WarmStartSource>();
        services.AddHostedService<ContainerSetup>();
        return builder;
    }

    static BlobContainerClient Container(IServiceProvider sp, Func<PipelineOptions, string> name) =>
        sp.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(name(sp.GetRequiredService<IOptions<PipelineOptions>>().Value));
}
