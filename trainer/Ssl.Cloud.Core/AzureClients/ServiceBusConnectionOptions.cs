namespace Ssl.Cloud.Core.AzureClients;

/// <summary>How an app reaches the Service Bus namespace; section <see cref="Section"/>. Exactly one of two
/// shapes: an emulator's connection string (<c>ServiceBus__ConnectionString</c>), or in Azure the namespace
/// (<c>ServiceBus__FullyQualifiedNamespace</c>) with a token credential, the user-assigned managed identity
/// <c>ServiceBus__ClientId</c> or, without it, <c>DefaultAzureCredential</c>.</summary>
public sealed class ServiceBusConnectionOptions
{
    public const string Section = "ServiceBus";

    /// <summary>Emulators only (<c>Endpoint=sb://127.0.0.1:5672;...;UseDevelopmentEmulator=true</c>); the Azure
    /// namespace has local (SAS) auth off.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The namespace's host name, <c>{namespace}.servicebus.windows.net</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Client id of the user-assigned managed identity to authenticate as.</summary>
    public string? ClientId { get; set; }
}
