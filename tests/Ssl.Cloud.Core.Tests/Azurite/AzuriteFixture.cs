using System.Diagnostics;
using System.Net.Sockets;
using Azure;
using Azure.Storage.Blobs;
using Ssl.Cloud.Core.Resilience;

namespace Ssl.Cloud.Core.Tests.Azurite;

/// <summary>A real Azurite blob service for the tests. Uses <c>AZURITE_CONNECTION_STRING</c>, else
/// the development account on 127.0.0.1:<c>AZURITE_BLOB_PORT</c> (10000). If nothing answers there,
/// starts one with <c>tests/azurite.sh start</c> and stops it again when the tests end, so that
/// <c>dotnet test</c> works on its own. Every test gets containers of its own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The shared key of Azurite's development account (devstoreaccount1), public in Azurite's docs.</summary>
    public const string DevelopmentKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    readonly List<string> containers = [];
    bool startedHere;
    int port;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var portSetting = Environment.GetEnvironmentVariable("AZURITE_BLOB_PORT");
        ConnectionString = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING")
            ?? (portSetting is null
                ? "UseDevelopmentStorage=true"
                : "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                  $"AccountKey={DevelopmentKey};BlobEndpoint=http://127.0.0.1:{portSetting}/devstoreaccount1;");
        var endpoint = new BlobServiceClient(ConnectionString).Uri;
        port = endpoint.Port;
        if (!await AnswersAsync(endpoint.Host, port))
        {
            await RunScriptAsync("start");
            startedHere = true;
        }
        await ProbeAsync();
    }

    public BlobServiceClient CreateServiceClient(BlobClientOptions? options = null) =>
        new(ConnectionString, options ?? StorageResilience.CreateBlobClientOptions());

    /// <summary>A new, empty container with a unique name, deleted when the tests end.</summary>
    public async Task<BlobContainerClient> CreateContainerAsync(string purpose, BlobClientOptions? options = null)
    {
        var name = $"{purpose}-{Guid.NewGuid():N}"[..Math.Min(63, purpose.Length + 33)];
        var container = CreateServiceClient(options).GetBlobContainerClient(name);
        await container.CreateAsync();
        lock (containers) containers.Add(name);
        return container;
    }

    public async Task DisposeAsync()
    {
        // A plain client: a test's client may still be injecting faults.
        var service = CreateServiceClient();
        foreach (var name in containers)
            await service.GetBlobContainerClient(name).DeleteIfExistsAsync();
        if (startedHere)
            await RunScriptAsync("stop");
    }

    async Task ProbeAsync()
    {
        try
        {
            await CreateServiceClient().GetPropertiesAsync();
        }
        catch (RequestFailedException e)
            when (e.Status == 400 && e.Message.Contains("API version", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Azurite on port {port} rejects the Azure SDK's API version. Start it with --skipApiVersionCheck " +
                "(tests/azurite.sh start does), or stop it and let the tests start their own.", e);
        }
    }

    static async Task<bool> AnswersAsync(string host, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    async Task RunScriptAsync(string verb)
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "azurite.sh");
        var start = new ProcessStartInfo("bash", [script, verb])
        {
            RedirectStandardError = true, RedirectStandardOutput = true
        };
        start.Environment["AZURITE_BLOB_PORT"] = port.ToString();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // A first start installs Azurite from npm.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"tests/azurite.sh {verb} exited with {process.ExitCode}:\n{await output}{await errors}");
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "tests", "azurite.sh")))
                return dir.FullName;
        throw new InvalidOperationException($"No tests/azurite.sh above {AppContext.BaseDirectory}");
    }
}
