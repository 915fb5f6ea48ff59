using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Ssl.Cloud.Functions.Configuration;

/// <summary>Clients from a Functions-style connection setting. In Azure the managed-identity shape:
/// <c>Storage__blobServiceUri</c>, <c>ServiceBus__fullyQualifiedNamespace</c> (and <c>__clientId</c> for a
/// user-assigned identity); no keys in app settings. A plain connection string (<c>Storage</c>,
/// <c>ServiceBus</c>) only for the local emulators.</summary>
public static class AzureConnection
{
    public const string Storage = "Storage";
    public const string ServiceBus = "ServiceBus";

    public static BlobServiceClient CreateBlobServiceClient(IConfiguration config, BlobClientOptions options)
    {
        var section = config.GetSection(Storage);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return new BlobServiceClient(section.Value, options);
        var uri = section["blobServiceUri"]
            ?? throw new InvalidOperationException($"Set {Storage}__blobServiceUri (managed identity) or {Storage} (an emulator's connection string)");
        return new BlobServiceClient(new Uri(uri), Credential(section), options);
    }

    public static ServiceBusClient CreateServiceBusClient(IConfiguration config, ServiceBusClientOptions options)
    {
        var section = config.GetSection(ServiceBus);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return new ServiceBusClient(section.Value, options);
        var ns = section["fullyQualifiedNamespace"]
            ?? throw new InvalidOperationException($"Set {ServiceBus}__fullyQualifiedNamespace (managed identity) or {ServiceBus} (an emulator's connection string)");
        return new ServiceBusClient(ns, Credential(section), options);
    }

    static TokenCredential Credential(IConfigurationSection section) =>
        section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
