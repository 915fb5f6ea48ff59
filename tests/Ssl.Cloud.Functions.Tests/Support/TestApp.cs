using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.ServiceBus.Endpoint;

namespace Ssl.Cloud.Functions.Tests.Support;

/// <summary>The Function app's real services (<see cref="ApplicationServices.AddApplicationServices"/>) against
/// Azurite, with containers of its own, and an in-process Service Bus endpoint with duplicate detection on, as
/// the Bicep queue has it. Function classes are created the way the worker creates them.</summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string QueueName = "training";

    readonly ServiceBusEndpoint endpoint;
    readonly IHost host;

    TestApp(ServiceBusEndpoint endpoint, IHost host, BlobContainerClient runs, BlobContainerClient datasets,
        BlobContainerClient schedules)
    {
        this.endpoint = endpoint;
        this.host = host;
        Runs = runs;
        Datasets = datasets;
        Schedules = schedules;
    }

    public BlobContainerClient Runs { get; }
    public BlobContainerClient Datasets { get; }
    public BlobContainerClient Schedules { get; }
    public IServiceProvider Services => host.Services;
    public QueueView Queue => endpoint.Queue(QueueName);

    public static async Task<TestApp> StartAsync(AzuriteFixture azurite, TimeProvider? time = null,
        IDictionary<string, string?>? settings = null)
    {
        var endpoint = await ServiceBusEndpoint.StartAsync(new EndpointOptions
        {
            Queues =
            {
                new QueueOptions(QueueName)
                {
                    DuplicateDetectionWindow = TimeSpan.FromMinutes(10), LockDuration = TimeSpan.FromMinutes(5)
                }
            },
        });
        var runs = await azurite.CreateContainerAsync("runs");
        var datasets = await azurite.CreateContainerAsync("datasets");
        var schedules = await azurite.CreateContainerAsync("schedules");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["ServiceBus:ConnectionString"] = endpoint.ConnectionString,
            ["Pipeline:RunsContainer"] = runs.Name,
            ["Pipeline:DatasetsContainer"] = datasets.Name,
            ["Pipeline:SchedulesContainer"] = schedules.Name,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddLogging();
        builder.AddApplicationServices();
        var app = new TestApp(endpoint, builder.Build(), runs, datasets, schedules);
        await app.ReadyDatasetAsync(ReadyDataset);
        return app;
    }

    /// <summary>A dataset every test app has, Ready, so that runs can be submitted for it.</summary>
    public const string ReadyDataset = "pets";

    public Task ReadyDatasetAsync(string datasetId) =>
        Get<DatasetStore>().WriteManifestAsync(DatasetManifest.FromValidation(datasetId,
        [new ManifestFile { Path = "cat/1.png", SizeBytes = 100, Format = "png", Width = 8, Height = 8,
            Label = "cat" }], [],
        DateTimeOffset.UtcNow), ifMatch: null);

    public T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(host.Services);

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)host).DisposeAsync();
        await endpoint.DisposeAsync();
    }
}
