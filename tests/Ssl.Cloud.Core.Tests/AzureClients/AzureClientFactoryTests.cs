using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.AzureClients;

namespace Ssl.Cloud.Core.Tests.AzureClients;

public sealed class AzureClientFactoryTests
{
    const string ClientId = "00000000-0000-0000-0000-000000000001";

    static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        return new ServiceCollection()
            .AddAzureClients(config, _ => new BlobClientOptions(), _ => new ServiceBusClientOptions())
            .BuildServiceProvider();
    }

    [Fact]
    public void The_identity_shape_names_the_account_by_uri_and_carries_no_key()
    {
        using var services = Services(("Storage:BlobServiceUri", "https://stabc123.blob.core.windows.net/"),
            ("Storage:ClientId", ClientId));

        var client = services.GetRequiredService<BlobServiceClient>();

        Assert.Equal("stabc123", client.AccountName);
        Assert.False(client.CanGenerateAccountSasUri);
    }

    [Fact]
    public async Task The_app_setting_spelling_of_the_bicep_binds_too()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Environment variables arrive with ':' for '__' and in any case.
            ["storage:blobServiceUri"] = "https://stabc123.blob.core.windows.net/",
            ["SERVICEBUS:fullyQualifiedNamespace"] = "sb-abc123.servicebus.windows.net",
        }).Build();
        await using var services = new ServiceCollection()
            .AddAzureClients(config, _ => new BlobClientOptions(), _ => new ServiceBusClientOptions())
            .BuildServiceProvider();

        Assert.Equal("stabc123", services.GetRequiredService<BlobServiceClient>().AccountName);
        Assert.Equal("sb-abc123.servicebus.windows.net",
            services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
    }

    [Fact]
    public async Task A_connection_string_reaches_the_emulator_with_its_key()
    {
        await using var services = Services(("Storage:ConnectionString", "UseDevelopmentStorage=true"),
            ("ServiceBus:ConnectionString",
                "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true"));

        Assert.True(services.GetRequiredService<BlobServiceClient>().CanGenerateAccountSasUri);
        Assert.Equal("127.0.0.1", services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
    }

    [Fact]
    public void A_client_id_selects_that_user_assigned_identity_and_none_the_default_chain()
    {
        Assert.IsType<ManagedIdentityCredential>(AzureClientFactory.CreateCredential(ClientId));
        Assert.IsType<DefaultAzureCredential>(AzureClientFactory.CreateCredential(null));
        Assert.IsType<DefaultAzureCredential>(AzureClientFactory.CreateCredential(""));
    }

    [Fact]
    public void Missing_settings_fail_at_start_naming_both_shapes_for_each_client()
    {
        using var services = Services();

        var e = Assert.Throws<AggregateException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var messages = string.Join("\n", e.InnerExceptions.Select(x => x.Message));
        Assert.Contains("Storage__ConnectionString", messages);
        Assert.Contains("Storage__BlobServiceUri", messages);
        Assert.Contains("Storage__ClientId", messages);
        Assert.Contains("ServiceBus__ConnectionString", messages);
        Assert.Contains("ServiceBus__FullyQualifiedNamespace", messages);
    }

    [Fact]
    public void Both_shapes_at_once_are_refused()
    {
        using var services = Services(("Storage:ConnectionString", "UseDevelopmentStorage=true"),
            ("Storage:BlobServiceUri", "https://stabc123.blob.core.windows.net/"));

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<BlobServiceClient>());

        Assert.Contains("both Storage__ConnectionString and Storage__BlobServiceUri are set", e.Message);
    }

    [Theory]
    [InlineData("Storage:BlobServiceUri", "http://stabc123.blob.core.windows.net/", "must be an absolute https URI")]
    [InlineData("Storage:BlobServiceUri", "stabc123.blob.core.windows.net", "must be an absolute https URI")]
    [InlineData("Storage:ClientId", "trainer", "Storage__ClientId must be a managed identity's client id")]
    public void A_malformed_storage_setting_is_named(string key, string value, string expected)
    {
        var settings = new List<(string, string)>
        {
            ("Storage:BlobServiceUri", "https://stabc123.blob.core.windows.net/")
        };
        settings.RemoveAll(s => s.Item1 == key);
        settings.Add((key, value));
        using var services = Services([.. settings]);

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<BlobServiceClient>());

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_namespace_given_as_a_url_is_refused_with_an_example()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AzureClientFactory.CreateServiceBusClient(
            new ServiceBusConnectionOptions { FullyQualifiedNamespace = "sb://sb-abc123.servicebus.windows.net/" },
            new ServiceBusClientOptions()));

        Assert.Contains("ServiceBus__FullyQualifiedNamespace must be a host name such as", e.Message);
    }

    [Fact]
    public void A_client_id_beside_a_connection_string_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AzureClientFactory.CreateBlobServiceClient(
            new StorageConnectionOptions { ConnectionString = "UseDevelopmentStorage=true", ClientId = ClientId },
            new BlobClientOptions()));

        Assert.Contains("Storage__ClientId applies to Storage__BlobServiceUri only", e.Message);
    }
}
