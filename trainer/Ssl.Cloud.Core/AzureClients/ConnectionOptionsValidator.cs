using Microsoft.Extensions.Options;

namespace Ssl.Cloud.Core.AzureClients;

/// <summary>Checks that the <see cref="StorageConnectionOptions"/> and <see cref="ServiceBusConnectionOptions"/>
/// describe exactly one connection. Every message names the settings as app settings spell them
/// (<c>Storage__BlobServiceUri</c>) and both accepted shapes, so a misconfigured app says how to fix it at
/// start.</summary>
public sealed class ConnectionOptionsValidator
    : IValidateOptions<StorageConnectionOptions>, IValidateOptions<ServiceBusConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageConnectionOptions options)
    {
        const string section = StorageConnectionOptions.Section;
        var problems = Shape(section, options.ConnectionString, nameof(options.BlobServiceUri), options.BlobServiceUri,
            options.ClientId, "an emulator such as Azurite: UseDevelopmentStorage=true",
            "in Azure: https://<account>.blob.core.windows.net/");
        if (!string.IsNullOrWhiteSpace(options.BlobServiceUri) && string.IsNullOrWhiteSpace(options.ConnectionString)
            && !(Uri.TryCreate(options.BlobServiceUri, UriKind.Absolute, out var uri)
                && uri.Scheme == Uri.UriSchemeHttps))
            // Azure.Core refuses to send a bearer token over http, so an http endpoint could never authenticate.
            problems.Add($"{Key(section, nameof(options.BlobServiceUri))} must be an absolute https URI; "
                + $"got '{options.BlobServiceUri}'");
        return Result(problems);
    }

    public ValidateOptionsResult Validate(string? name, ServiceBusConnectionOptions options)
    {
        const string section = ServiceBusConnectionOptions.Section;
        var problems = Shape(section, options.ConnectionString, nameof(options.FullyQualifiedNamespace),
            options.FullyQualifiedNamespace, options.ClientId,
            "an emulator: Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;"
                + "UseDevelopmentEmulator=true",
            "in Azure: <namespace>.servicebus.windows.net");
        if (!string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace)
            && string.IsNullOrWhiteSpace(options.ConnectionString)
            && Uri.CheckHostName(options.FullyQualifiedNamespace) != UriHostNameType.Dns)
            problems.Add($"{Key(section, nameof(options.FullyQualifiedNamespace))} must be a host name such as "
                + $"sb-example.servicebus.windows.net (no scheme, no path); got '{options.FullyQualifiedNamespace}'");
        return Result(problems);
    }

    /// <summary>The setting's name as an app setting or environment variable: <c>Section__Property</c>.</summary>
    public static string Key(string section, string property) => $"{section.Replace(":", "__")}__{property}";

    static List<string> Shape(string section, string? connectionString, string endpointProperty, string? endpoint,
        string? clientId, string emulatorExample, string azureExample)
    {
        var connectionKey = Key(section, nameof(StorageConnectionOptions.ConnectionString));
        var endpointKey = Key(section, endpointProperty);
        var clientIdKey = Key(section, nameof(StorageConnectionOptions.ClientId));
        var shapes = $"set {connectionKey} ({emulatorExample}) or {endpointKey} ({azureExample}; "
            + $"with {clientIdKey} for a user-assigned managed identity, else DefaultAzureCredential)";
        var hasConnection = !string.IsNullOrWhiteSpace(connectionString);
        var hasEndpoint = !string.IsNullOrWhiteSpace(endpoint);
        var problems = new List<string>();
        if (!hasConnection && !hasEndpoint)
            problems.Add($"{section}: no connection is configured: {shapes}");
        else if (hasConnection && hasEndpoint)
            problems.Add($"{section}: both {connectionKey} and {endpointKey} are set; {shapes}, not both");
        else if (hasConnection && !string.IsNullOrWhiteSpace(clientId))
            problems.Add($"{section}: {clientIdKey} applies to {endpointKey} only, not to {connectionKey}");
        if (!string.IsNullOrWhiteSpace(clientId) && !Guid.TryParse(clientId, out _))
            problems.Add($"{clientIdKey} must be a managed identity's client id (a GUID); got '{clientId}'");
        return problems;
    }

    static ValidateOptionsResult Result(List<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}
