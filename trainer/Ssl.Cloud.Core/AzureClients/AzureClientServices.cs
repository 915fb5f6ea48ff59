using Azure.Core;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ssl.Cloud.Core.AzureClients;

/// <summary>Registers the connection settings (bound from configuration, validated when the host starts) and the
/// two clients, built by <see cref="AzureClientFactory"/>. Both apps call this; neither builds a client
/// itself.</summary>
public static class AzureClientServices
{
    /// <remarks>Each app brings its own client options (retries, timeouts). A <see cref="TokenCredential"/>
    /// registered in the container replaces the one the settings choose.</remarks>
    public static IServiceCollection AddAzureClients(this IServiceCollection services, IConfiguration config,
        Func<IServiceProvider, BlobClientOptions> blobClientOptions,
        Func<IServiceProvider, ServiceBusClientOptions> serviceBusClientOptions)
    {
        services.AddOptions<StorageConnectionOptions>().Bind(config.GetSection(StorageConnectionOptions.Section))
            .ValidateOnStart();
        services.AddOptions<ServiceBusConnectionOptions>().Bind(config.GetSection(ServiceBusConnectionOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor
            .Singleton<IValidateOptions<StorageConnectionOptions>, ConnectionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor
            .Singleton<IValidateOptions<ServiceBusConnectionOptions>, ConnectionOptionsValidator>());
        services.TryAddSingleton(sp => AzureClientFactory.CreateBlobServiceClient(
            sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value, blobClientOptions(sp),
            sp.GetService<TokenCredential>()));
        services.TryAddSingleton(sp => AzureClientFactory.CreateServiceBusClient(
            sp.GetRequiredService<IOptions<ServiceBusConnectionOptions>>().Value, serviceBusClientOptions(sp),
            sp.GetService<TokenCredential>()));
        return services;
    }
}
