using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Polly;
using Ssl.Cloud.Core.AzureClients;
using Ssl.Cloud.Core.Resilience;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>The worker's and the client verbs' services, bound from configuration (appsettings, environment
/// variables such as <c>Storage__BlobServiceUri</c>, command line). The clients come from
/// <see cref="AzureClientServices.AddAzureClients"/>, as in the Function app.</summary>
public static class WorkerServices
{
    public static IHostApplicationBuilder AddWorkerServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<ServiceBusOptions>().Bind(config.GetSection(ServiceBusOptions.Section));
        services.AddOptions<WorkerOptions>().Bind(config.GetSection(WorkerOptions.Section))
            .Validate(o => o.LeaseDuration >= TimeSpan.FromSeconds(15) && o.LeaseDuration <= TimeSpan.FromSeconds(60),
                "Worker:LeaseDuration must be 15 to 60 seconds")
            .Validate(o => o.ProgressInterval > TimeSpan.Zero && o.GracePeriod > TimeSpan.Zero,
                "Worker:ProgressInterval and Worker:GracePeriod must be positive")
            .Validate(o => o.PackWait > TimeSpan.Zero, "Worker:PackWait must be positive")
            .Validate(o => o.Queue is WorkerOptions.TrainingQueue or WorkerOptions.PackQueue,
                $"Worker:Queue must be {WorkerOptions.TrainingQueue} or {WorkerOptions.PackQueue}")
            .Validate(o => o.DownloadParallelism >= 1, "Worker:DownloadParallelism must be at least 1")
            .Validate(o => o.MemoryBudget is null || IsSize(o.MemoryBudget),
                "Worker:MemoryBudget must be a size such as 512M or 24G");
        services.AddOptions<StorageResilienceOptions>().Bind(config.GetSection(StorageResilienceOptions.Section));
        services.AddOptions<TelemetryOptions>().Bind(config.GetSection(TelemetryOptions.Section));
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>(
            (host, worker) => host.ShutdownTimeout = worker.Value.GracePeriod);

        services.TryAddSingleton(TimeProvider.System);
        services.AddAzureClients(config,
            sp => StorageResilience.CreateBlobClientOptions(
                sp.GetRequiredService<IOptions<StorageResilienceOptions>>().Value),
            sp =>
            {
                var bus = sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
                return new ServiceBusClientOptions
                {
                    RetryOptions =
                        new ServiceBusRetryOptions { TryTimeout = bus.TryTimeout, MaxRetries = bus.MaxRetries },
                };
            });
        services.TryAddSingleton(sp => StorageResilience.CreatePipeline(
            sp.GetRequiredService<IOptions<StorageResilienceOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Ssl.Cloud.Storage")));
        services.TryAddSingleton(sp => new RunStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobLayout.RunsContainer),
            sp.GetRequiredService<ResiliencePipeline>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new DatasetStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobLayout.DatasetsContainer),
            sp.GetRequiredService<ResiliencePipeline>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<AcceptedFileDownloader>();
        services.AddSingleton<DatasetPacker>();
        services.AddSingleton<PackDownloader>();
        services.AddSingleton<DatasetResolver>();
        services.AddSingleton<RunTrainer>();
        services.AddSingleton<TrainingMessageHandler>();
        services.AddSingleton<DeadLetterHandler>();
        services.AddSingleton<WorkerDeadline>();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerLifecycleValidation>();
        services.AddSingleton<PackMessageHandler>();
        if (config[$"{WorkerOptions.Section}:{nameof(WorkerOptions.Queue)}"] == WorkerOptions.PackQueue)
            services.AddHostedService<PackWorker>();
        else
            services.AddHostedService<TrainingWorker>();
        AddTelemetry(builder);
        return builder;
    }

    static bool IsSize(string text)
    {
        try
        {
            Ssl.Training.Data.MemoryBudget.Parse(text, "Worker:MemoryBudget");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static void AddTelemetry(IHostApplicationBuilder builder)
    {
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()
            ?? new TelemetryOptions();
        if (telemetry.Exporter == MetricsExporter.None) return;
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(WorkerMetrics.MeterName);
            var interval = (int)telemetry.ExportInterval.TotalMilliseconds;
            if (telemetry.Exporter == MetricsExporter.Console)
                metrics.AddConsoleExporter((_, reader) =>
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
            else
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    if (telemetry.OtlpEndpoint is { } endpoint) exporter.Endpoint = endpoint;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                });
        });
    }
}
