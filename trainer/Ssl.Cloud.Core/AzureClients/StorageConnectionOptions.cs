namespace Ssl.Cloud.Core.AzureClients;

/// <summary>How an app reaches the blob account; section <see cref="Section"/>. Exactly one of two shapes:
/// an emulator's connection string (<c>Storage__ConnectionString</c>), or in Azure the account's blob endpoint
/// (<c>Storage__BlobServiceUri</c>) with a token credential, the user-assigned managed identity
/// <c>Storage__ClientId</c> or, without it, <c>DefaultAzureCredential</c>.</summary>
public sealed class StorageConnectionOptions
{
    public const string Section = "Storage";

    /// <summary>Emulators only (Azurite: <c>UseDevelopmentStorage=true</c>); the Azure account has shared keys
    /// off.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint, <c>https://{account}.blob.core.windows.net/</c>.</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity to authenticate as.</summary>
    public string? ClientId { get; set; }
}
