using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ssl.Cloud.ApiHost;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.ServiceBus.Endpoint;

namespace Ssl.Cloud.Functions.Tests.Support;

/// <summary>The API host (<see cref="ApiHostServices"/>) on a loopback port, over Azurite with containers of its own
/// (created by the app's start-up) and an in-process Service Bus endpoint; a client that sends the function
/// key.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string Key = "test-function-key-0123456789";
    readonly ServiceBusEndpoint endpoint;
    readonly WebApplication app;

    ApiServer(ServiceBusEndpoint endpoint, WebApplication app, Uri baseAddress)
    {
        this.endpoint = endpoint;
        this.app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
        Client.DefaultRequestHeaders.Add(FunctionKey.Header, Key);
    }

    public HttpClient Client { get; }
    public QueueView Queue => endpoint.Queue(TestApp.QueueName);

    /// <summary>The pack queue; the app sends to it only when <c>Pipeline:PackQueueName</c> names it.</summary>
    public QueueView PackQueue => endpoint.Queue(Ssl.Cloud.Core.Queue.PackQueue.DefaultQueueName);
    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();
    public IServiceProvider Services => app.Services;

    public static async Task<ApiServer> StartAsync(
        AzuriteFixture azurite, IDictionary<string, string?>? settings = null)
    {
        var endpoint = await ServiceBusEndpoint.StartAsync(new EndpointOptions
        {
            Queues =
            {
                new QueueOptions(TestApp.QueueName) { DuplicateDetectionWindow = TimeSpan.FromMinutes(10) },
                new QueueOptions(Ssl.Cloud.Core.Queue.PackQueue.DefaultQueueName)
                {
                    DuplicateDetectionWindow = TimeSpan.FromMinutes(10),
                },
            },
        });
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["ServiceBus:ConnectionString"] = endpoint.ConnectionString,
            ["Pipeline:RunsContainer"] = $"runs-{suffix}",
            ["Pipeline:DatasetsContainer"] = $"datasets-{suffix}",
            ["Pipeline:SchedulesContainer"] = $"schedules-{suffix}",
            ["ApiHost:FunctionKey"] = Key,
            ["ApiHost:TestHooks"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddApiHost();
        var app = builder.Build();
        app.MapApiHost();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        var server = new ApiServer(endpoint, app, new Uri(address));
        await server.Get<DatasetStore>().WriteManifestAsync(DatasetManifest.FromValidation(TestApp.ReadyDataset,
            [new ManifestFile
            {
                Path = "cat/1.png", SizeBytes = 100, Format = "png", Width = 8, Height = 8, Label = "cat"
            }], [],
            DateTimeOffset.UtcNow), ifMatch: null);
        return server;
    }

    public Task<Answer> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body);
    public Task<Answer> PutAsync(string path, object? body) => SendAsync(HttpMethod.Put, path, body);
    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);
    public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<Answer> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode,
            text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, text);
    }

    /// <summary>PUTs bytes to a SAS upload link, as a client does.</summary>
    public static async Task UploadAsync(string url, byte[] content)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        await endpoint.DisposeAsync();
    }
}
