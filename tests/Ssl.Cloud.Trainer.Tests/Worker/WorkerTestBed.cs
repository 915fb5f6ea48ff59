using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;
using Ssl.ServiceBus.Endpoint;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>Azurite, a Service Bus endpoint with a short lock (a training queue and a pack queue), the test's own view
/// of the runs, and workers: in-process hosts or <c>ssl worker</c> child processes, all with the same
/// settings.</summary>
sealed class WorkerTestBed : IAsyncDisposable
{
    public const string QueueName = TrainingQueue.DefaultQueueName;
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    readonly AzuriteFixture azurite;
    readonly List<IHost> hosts = [];
    readonly List<WorkerProcess> processes = [];
    readonly string workRoot = Path.Combine(Path.GetTempPath(), $"ssl-worker-tests-{Guid.NewGuid():N}");

    WorkerTestBed(AzuriteFixture azurite, ServiceBusEndpoint endpoint, ServiceBusClient client, RunStore runs)
    {
        this.azurite = azurite;
        Endpoint = endpoint;
        Client = client;
        Runs = runs;
    }

    public ServiceBusEndpoint Endpoint { get; }
    public ServiceBusClient Client { get; }
    public RunStore Runs { get; }
    public QueueView Queue => Endpoint.Queue(QueueName);
    public QueueView PackQueue => Endpoint.Queue(Core.Queue.PackQueue.DefaultQueueName);

    public static async Task<WorkerTestBed> StartAsync(AzuriteFixture azurite, Action<QueueOptions>? configure = null)
    {
        var queue = new QueueOptions(QueueName)
        {
            LockDuration = LockDuration, MaxDeliveryCount = 20, DuplicateDetectionWindow = TimeSpan.FromMinutes(10)
        };
        configure?.Invoke(queue);
        var pack = new QueueOptions(Core.Queue.PackQueue.DefaultQueueName)
        {
            LockDuration = LockDuration, MaxDeliveryCount = 3
        };
        var endpoint = await ServiceBusEndpoint.StartAsync(new EndpointOptions { Queues = { queue, pack } });
        var client = new ServiceBusClient(endpoint.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions
            {
                TryTimeout = TimeSpan.FromSeconds(15), MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(100)
            },
        });
        var runs = new RunStore(azurite.CreateServiceClient().GetBlobContainerClient(BlobLayout.RunsContainer));
        await runs.EnsureCreatedAsync();
        return new WorkerTestBed(azurite, endpoint, client, runs);
    }

    /// <summary>The worker's configuration: short intervals, the shortest lease Azure allows, quiet logs.</summary>
    public Dictionary<string, string?> Settings(string worker) => new()
    {
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["ServiceBus:ConnectionString"] = Endpoint.ConnectionString,
        ["ServiceBus:QueueName"] = QueueName,
        ["ServiceBus:TryTimeout"] = "00:00:15",
        ["Worker:WorkerId"] = worker,
        ["Worker:WorkDirectory"] = Path.Combine(workRoot, worker),
        ["Worker:LeaseDuration"] = "00:00:15",
        ["Worker:ProgressInterval"] = "00:00:00.300",
        ["Worker:BusyBackoff"] = "00:00:01",
        ["Worker:GracePeriod"] = "00:00:20",
        ["Storage:Resilience:BaseDelay"] = "00:00:00.050",
        ["Storage:Resilience:MaxDelay"] = "00:00:01",
        ["Storage:Resilience:MaxRetryAttempts"] = "10",
        ["Storage:Resilience:BreakerBreakDuration"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging:LogLevel:Ssl"] = "Information",
    };

    public async Task<IHost> StartWorkerAsync(string worker, Action<HostApplicationBuilder>? configure = null)
    {
        var host = WorkerHost.Build([], builder =>
        {
            var settings = Settings(worker);
            settings["Logging:LogLevel:Ssl"] = "Warning";
            builder.Configuration.AddInMemoryCollection(settings);
            configure?.Invoke(builder);
        });
        hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>Stops an in-process worker as the host would on SIGTERM.</summary>
    public static async Task StopWorkerAsync(IHost host) => await host.StopAsync(TimeSpan.FromSeconds(30));

    public WorkerProcess StartWorkerProcess(string worker, params string[] args)
    {
        var process = new WorkerProcess(Settings(worker), ["worker", .. args]);
        processes.Add(process);
        return process;
    }

    public async Task SubmitAsync(TrainingRequest request)
    {
        await Runs.CreateAsync(request);
        await using var sender = Client.CreateSender(QueueName);
        await new TrainingQueue(sender).SendAsync(request);
    }

    public Task<RunStatus> WaitForStatusAsync(string runId, Func<RunStatus, bool> done, string what) =>
        Eventually.ValueAsync(async () => (await Runs.GetStatusAsync(runId))?.Value, done, Patience,
            $"run {runId}: {what}");

    public Task<RunStatus> WaitForStateAsync(string runId, RunState state) =>
        WaitForStatusAsync(runId, s => s.State == state, state.ToString());

    public Task<CheckpointPointer> WaitForCheckpointAsync(string runId, Func<CheckpointPointer, bool>? done = null) =>
        Eventually.ValueAsync(() => Runs.GetLatestCheckpointAsync(runId), done ?? (_ => true), Patience,
            $"run {runId}: a checkpoint");

    public async Task<float[]> StepLossesAsync(string runId)
    {
        using var report = new MemoryStream();
        await Runs.DownloadArtifactAsync(runId, BlobLayout.ReportJson, report);
        using var json = JsonDocument.Parse(report.ToArray());
        return [.. json.RootElement.GetProperty("stepLosses").EnumerateArray().Select(e => e.GetSingle())];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.StopAsync(TimeSpan.FromSeconds(30));
            host.Dispose();
        }
        foreach (var process in processes) await process.DisposeAsync();
        await Client.DisposeAsync();
        await Endpoint.DisposeAsync();
        if (Directory.Exists(workRoot)) Directory.Delete(workRoot, recursive: true);
    }
}
