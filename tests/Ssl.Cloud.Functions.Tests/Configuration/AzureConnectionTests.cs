using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Ssl.Cloud.Functions.Configuration;

namespace Ssl.Cloud.Functions.Tests.Configuration;

public sealed class AzureConnectionTests
{
    static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void The_managed_identity_shape_names_the_account_by_uri_and_carries_no_key()
    {
        var client = AzureConnection.CreateBlobServiceClient(
            Settings(("Storage:blobServiceUri", "https://stabc123.blob.core.windows.net"), ("Storage:clientId", "00000000-0000-0000-0000-000000000001")),
            new BlobClientOptions());

        Assert.Equal("stabc123", client.AccountName);
        Assert.False(client.CanGenerateAccountSasUri);
    }

    [Fact]
    public void The_service_bus_namespace_setting_is_used_as_given()
    {
        var client = AzureConnection.CreateServiceBusClient(Settings(("ServiceBus:fullyQualifiedNamespace", "sb-abc123.servicebus.windows.net")), new());

        Assert.Equal("sb-abc123.servicebus.windows.net", client.FullyQualifiedNamespace);
    }

    [Fact]
    public void A_missing_setting_names_both_shapes()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AzureConnection.CreateBlobServiceClient(Settings(), new BlobClientOptions()));

        Assert.Contains("Storage__blobServiceUri", e.Message);
        Assert.Contains("connection string", e.Message);
    }
}
