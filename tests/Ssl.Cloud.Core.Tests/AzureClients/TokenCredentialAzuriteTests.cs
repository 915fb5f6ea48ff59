using Azure;
using Azure.Core;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ssl.Cloud.Core.AzureClients;

namespace Ssl.Cloud.Core.Tests.AzureClients;

/// <summary>The Azure shape of the settings (an https endpoint, no key) against a real blob service that checks
/// bearer tokens: Azurite with <c>--oauth basic</c> (issue 11, item 8).</summary>
public sealed class TokenCredentialAzuriteTests(OAuthAzurite azurite) : IClassFixture<OAuthAzurite>
{
    (ServiceProvider Services, BlobServiceClient Client) Connect(TokenCredential credential)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:BlobServiceUri"] = azurite.BlobServiceUri.ToString(),
            ["Storage:ClientId"] = "00000000-0000-0000-0000-0000000000c1",
            ["ServiceBus:FullyQualifiedNamespace"] = "sb-example.servicebus.windows.net",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton(credential)
            .AddAzureClients(config, _ => azurite.ClientOptions(), _ => new ServiceBusClientOptions())
            .BuildServiceProvider();
        return (services, services.GetRequiredService<BlobServiceClient>());
    }

    [Fact]
    public async Task A_client_from_the_identity_settings_writes_and_reads_with_a_bearer_token()
    {
        var token = new UnsignedStorageToken();
        var (services, client) = Connect(token);
        await using var _ = services;
        var container = client.GetBlobContainerClient($"oauth-{Guid.NewGuid():N}");

        await container.CreateAsync();
        await container.GetBlobClient("runs/x/status.json").UploadAsync(BinaryData.FromString("{}"));
        var read = await container.GetBlobClient("runs/x/status.json").DownloadContentAsync();

        Assert.Equal("{}", read.Value.Content.ToString());
        Assert.True(token.Requests > 0);
        Assert.False(client.CanGenerateAccountSasUri);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var (services, client) = Connect(new UnsignedStorageToken(audience: "https://management.azure.com"));
        await using var _ = services;

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.GetBlobContainerClient($"oauth-{Guid.NewGuid():N}").CreateAsync());

        Assert.Equal(403, e.Status); // Azurite answers AuthenticationFailed, as Azure Storage does for a bad token
    }
}
