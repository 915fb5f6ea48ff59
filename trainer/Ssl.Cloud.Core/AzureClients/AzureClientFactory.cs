using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Ssl.Cloud.Core.AzureClients;

/// <summary>The one place where the apps' <see cref="BlobServiceClient"/> and <see cref="ServiceBusClient"/> are
/// built: from an emulator's connection string, or from an endpoint and a token credential (DESIGN.md §3,
/// Security: managed identity in Azure, connection strings only for local emulators).</summary>
public static class AzureClientFactory
{
    static readonly ConnectionOptionsValidator Validator = new();

    /// <remarks>A <c>credential</c> overrides the one the settings choose (tests, or a host that brings its own);
    /// it is ignored with a connection string.</remarks>
    public static BlobServiceClient CreateBlobServiceClient(StorageConnectionOptions settings,
        BlobClientOptions options, TokenCredential? credential = null)
    {
        ThrowIfInvalid(Validator.Validate(Options.DefaultName, settings));
        return string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? new BlobServiceClient(new Uri(settings.BlobServiceUri!),
                credential ?? CreateCredential(settings.ClientId), options)
            : new BlobServiceClient(settings.ConnectionString, options);
    }

    /// <remarks>A <c>credential</c> overrides the one the settings choose, as for blobs.</remarks>
    public static ServiceBusClient CreateServiceBusClient(ServiceBusConnectionOptions settings,
        ServiceBusClientOptions options, TokenCredential? credential = null)
    {
        ThrowIfInvalid(Validator.Validate(Options.DefaultName, settings));
        return string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? new ServiceBusClient(settings.FullyQualifiedNamespace!,
                credential ?? CreateCredential(settings.ClientId), options)
            : new ServiceBusClient(settings.ConnectionString, options);
    }

    /// <summary>A user-assigned managed identity when its client id is given (the identity the Bicep assigns and
    /// grants roles to, and no other); otherwise <see cref="DefaultAzureCredential"/> (a developer's
    /// <c>az login</c>, or a single managed identity).</summary>
    public static TokenCredential CreateCredential(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));

    static void ThrowIfInvalid(ValidateOptionsResult result)
    {
        if (result.Failed) throw new InvalidOperationException(result.FailureMessage);
    }
}
