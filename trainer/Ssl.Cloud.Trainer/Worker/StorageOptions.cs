namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Where the <c>datasets</c> and <c>runs</c> containers live; section <see cref="Section"/>
/// (environment: <c>Storage__ConnectionString</c>).</summary>
/// <remarks>A connection string only (Azurite: <c>UseDevelopmentStorage=true</c>). Managed identity for Azure
/// (an account URI and a token credential) needs Azure.Identity, which this build does not reference yet.</remarks>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }
}
