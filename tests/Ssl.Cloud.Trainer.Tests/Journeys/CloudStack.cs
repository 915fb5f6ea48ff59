using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Client;
using Ssl.Cloud.Trainer.Tests.Client;
using Ssl.Cloud.Trainer.Tests.Worker;
using Ssl.ServiceBus.Endpoint;

namespace Ssl.Cloud.Trainer.Tests.Journeys;

/// <summary>The local stack of scripts/stack.sh, started by a test: Azurite (shared), a Service Bus endpoint, the API
/// host as a process (test hooks on: a settable clock and timers fired on demand) whose storage goes through a
/// <see cref="BlobProxy"/> (so its SAS links do too), and one <c>ssl worker</c> process. The <c>ssl</c> client verbs
/// then run as processes with <c>SSL_API_URL</c> and <c>SSL_API_KEY</c> set, as a user runs them.</summary>
sealed class CloudStack : IAsyncDisposable
{
    readonly List<IAsyncDisposable> owned = [];
    readonly string workRoot = Path.Combine(Path.GetTempPath(), $"ssl-stack-{Guid.NewGuid():N}");

    CloudStack(AzuriteFixture azurite, ServiceBusEndpoint endpoint, BlobProxy proxy)
    {
        Azurite = azurite;
        Endpoint = endpoint;
        Proxy = proxy;
    }

    public AzuriteFixture Azurite { get; }
    public ServiceBusEndpoint Endpoint { get; }
    public BlobProxy Proxy { get; }
    public string ApiUrl { get; private set; } = "";
    public string ApiKey { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public WorkerProcess Api { get; private set; } = null!;
    public WorkerProcess Worker { get; private set; } = null!;
    public BlobContainerClient Datasets =>
        Azurite.CreateServiceClient().GetBlobContainerClient(BlobLayout.DatasetsContainer);
    public BlobContainerClient Runs => Azurite.CreateServiceClient().GetBlobContainerClient(BlobLayout.RunsContainer);

    public IReadOnlyDictionary<string, string?> ClientEnvironment => new Dictionary<string, string?>
    {
        [ApiOptions.UrlVariable] = ApiUrl,
        [ApiOptions.KeyVariable] = ApiKey,
    };

    public static async Task<CloudStack> StartAsync(AzuriteFixture azurite)
    {
        var endpoint = await ServiceBusEndpoint.StartAsync(new EndpointOptions
        {
            Queues =
            {
                new QueueOptions(TrainingQueue.DefaultQueueName)
                {
                    LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 10,
                    DuplicateDetectionWindow = TimeSpan.FromMinutes(10),
                },
            },
        });
        var proxy = new BlobProxy(azurite.CreateServiceClient().Uri);
        var stack = new CloudStack(azurite, endpoint, proxy);
        stack.owned.Add(proxy);
        await stack.StartApiAsync();
        stack.StartWorker();
        return stack;
    }

    async Task StartApiAsync()
    {
        var port = FreePort();
        ApiUrl = $"http://127.0.0.1:{port}";
        var storage = Proxy.ConnectionString;
        Api = Own(new WorkerProcess(ApiHostDll(), new Dictionary<string, string?>
        {
            ["ApiHost:FunctionKey"] = ApiKey,
            ["ApiHost:TestHooks"] = "true",
            ["Storage:ConnectionString"] = storage,
            ["ServiceBus:ConnectionString"] = Endpoint.ConnectionString,
            // Its own schedules container: the host's timer must not submit other tests' schedules.
            ["Pipeline:SchedulesContainer"] = $"schedules-{Guid.NewGuid():N}"[..30],
            ["Logging:LogLevel:Default"] = "Warning",
        }, ["--urls", ApiUrl]));
        using var http = new HttpClient { BaseAddress = new Uri(ApiUrl) };
        http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        await Eventually.TrueAsync(() =>
        {
            if (Api.HasExited) throw new InvalidOperationException($"the API host exited:\n{Api.Output}");
            try
            {
                return http.GetAsync("api/datasets").Result.IsSuccessStatusCode;
            }
            catch (AggregateException)
            {
                return false;
            }
        }, TimeSpan.FromMinutes(2), $"the API host on {ApiUrl}");
    }

    void StartWorker()
    {
        var storage = Azurite.ConnectionString;
        Worker = Own(new WorkerProcess(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["ServiceBus:ConnectionString"] = Endpoint.ConnectionString,
            ["Worker:WorkerId"] = "journey",
            ["Worker:WorkDirectory"] = Path.Combine(workRoot, "worker"),
            ["Worker:ProgressInterval"] = "00:00:00.300",
            ["Logging:LogLevel:Default"] = "Warning",
        }, "worker"));
    }

    /// <summary>A client's output with the API host's and the worker's, for a failed assertion's message.</summary>
    public string Explain(string clientOutput) =>
        $"client:\n{clientOutput}\nAPI host:\n{Tail(Api.Output)}\nworker:\n{Tail(Worker.Output)}";

    static string Tail(string log) => log.Length > 6000 ? log[^6000..] : log;

    /// <summary>Runs an <c>ssl</c> client verb to its end.</summary>
    public async Task<(int ExitCode, string Output)> SslAsync(params string[] args)
    {
        await using var process = new WorkerProcess(ClientEnvironment, args);
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(8));
        return (code, process.Output);
    }

    /// <summary>Uploads <see cref="Tiny.ClassFolders"/> as a new dataset and returns its id, once it is Ready.
    /// (The API accepts runs on uploaded datasets only, not on the worker's built-in ones.)</summary>
    public async Task<string> UploadTinyAsync(string purpose)
    {
        using var images = Tiny.ClassFolders();
        var id = Tiny.Id(purpose);
        var (code, output) = await SslAsync("datasets", "upload", images.Path, "--id", id, "--poll-interval",
            "00:00:00.500");
        Assert.True(code == 0, Explain(output));
        return id;
    }

    /// <summary>Starts an <c>ssl</c> client verb, for a test that kills it.</summary>
    public WorkerProcess StartSsl(params string[] args) => Own(new WorkerProcess(ClientEnvironment, args));

    /// <summary>Sets the API host's clock (test hook).</summary>
    public async Task SetClockAsync(DateTimeOffset utcNow) => await AdminAsync("admin/clock", new { utcNow });

    /// <summary>Fires a timer Function now and waits for it to finish (test hook).</summary>
    public async Task FireTimerAsync(string name) => await AdminAsync($"admin/timers/{name}", new { });

    async Task AdminAsync(string path, object body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(ApiUrl) };
        http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        using var response = await http.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode,
            $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    T Own<T>(T item) where T : IAsyncDisposable
    {
        owned.Add(item);
        return item;
    }

    static string ApiHostDll()
    {
        // tests/Ssl.Cloud.Trainer.Tests/bin/{Configuration}/net10.0/ ->
        // functions/Ssl.Cloud.ApiHost/bin/{Configuration}/net10.0/
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "functions", "Ssl.Cloud.ApiHost", "bin", configuration, testBin.Name,
            "Ssl.Cloud.ApiHost.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the API host is not built: {dll}");
    }

    static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(owned)) await item.DisposeAsync();
        await Endpoint.DisposeAsync();
        if (Directory.Exists(workRoot)) Directory.Delete(workRoot, recursive: true);
    }
}
