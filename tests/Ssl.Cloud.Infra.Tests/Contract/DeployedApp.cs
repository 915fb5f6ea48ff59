using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Functions;
using Ssl.Cloud.Infra.Tests.Arm;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Infra.Tests.Contract;

/// <summary>An app as the Bicep deploys it: the settings it is given (with a plausible value where the template
/// computes one at deployment time) and the app's own host built under exactly those settings.</summary>
sealed class DeployedApp
{
    /// <summary>Settings the platform reads, not the app's options classes.</summary>
    static readonly HashSet<string> PlatformSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
    };

    DeployedApp(string name, ArmModule scope, IReadOnlyList<(string Name, JsonNode? Value)> settings,
        Action<IHostApplicationBuilder> addServices, Func<IReadOnlyDictionary<string, string?>, IHost> build)
    {
        Name = name;
        Scope = scope;
        Settings = settings;
        this.addServices = addServices;
        this.build = build;
    }

    readonly Action<IHostApplicationBuilder> addServices;
    readonly Func<IReadOnlyDictionary<string, string?>, IHost> build;

    public string Name { get; }
    public ArmModule Scope { get; }
    public IReadOnlyList<(string Name, JsonNode? Value)> Settings { get; }

    /// <summary>The trainer job's container environment, and the trainer's host (<c>ssl worker</c>).</summary>
    public static DeployedApp Trainer(ArmModule main)
    {
        var module = main.Module("trainer");
        var env = Job(module)["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray();
        return new DeployedApp("trainer", module, Pairs(env), b => b.AddWorkerServices(),
            settings => WorkerHost.Build([], b => b.Configuration.AddInMemoryCollection(settings)));
    }

    /// <summary>The pack job's container environment, and the worker's host as <c>--queue pack</c> builds it.</summary>
    public static DeployedApp Packer(ArmModule main)
    {
        var module = main.Module("packer");
        var env = Job(module)["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray();
        return new DeployedApp("packer", module, Pairs(env), b => b.AddWorkerServices(),
            settings => WorkerHost.Build([$"--{WorkerOptions.Section}:{nameof(WorkerOptions.Queue)}",
                WorkerOptions.PackQueue], b => b.Configuration.AddInMemoryCollection(settings)));
    }

    /// <summary>The Function app's app settings, and its services as <c>Program.cs</c> adds them.</summary>
    public static DeployedApp Functions(ArmModule main)
    {
        var module = main.Module("functions");
        var site = module.Resources("Microsoft.Web/sites").Single();
        var appSettings = site["properties"]!["siteConfig"]!["appSettings"]!.AsArray();
        return new DeployedApp("functions", module, Pairs(appSettings), b => b.AddApplicationServices(), settings =>
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddApplicationServices();
            return builder.Build();
        });
    }

    public static JsonObject Job(ArmModule module) => module.Resources("Microsoft.App/jobs").Single();

    public JsonNode? Setting(string name) =>
        Settings.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool IsPlatformSetting(string name) => PlatformSettings.Contains(name);

    /// <summary>Configuration keys as the app sees them (<c>Storage:BlobServiceUri</c>) with sample values.</summary>
    public Dictionary<string, string?> Configuration() =>
        Settings.ToDictionary(s => s.Name.Replace("__", ":"), s => (string?)Sample(Scope.Follow(s.Value)));

    public IHost Build() => build(Configuration());

    /// <summary>Options types the app binds from configuration, with their sections: found in the app's own
    /// service registrations, so a new options class is covered without touching this test.</summary>
    public IReadOnlyList<(Type Type, string Section)> BoundOptions()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        addServices(builder);
        return builder.Services
            .Where(d => d.ServiceType.IsGenericType
                && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>)
                && d.ImplementationInstance?.GetType() is { IsGenericType: true } t
                && t.GetGenericTypeDefinition() == typeof(NamedConfigureFromConfigurationOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Distinct()
            .Select(t => (t,
                t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
                ?? throw new InvalidOperationException(
                    $"{t.Name} is bound from configuration but has no Section constant")))
            .ToList();
    }

    static List<(string, JsonNode?)> Pairs(JsonArray array) =>
        array.Select(e => ((string)e!["name"]!, e["value"])).ToList();

    /// <summary>A literal as it is; for a value Azure computes at deployment, a value of the same shape.</summary>
    static string Sample((ArmModule Scope, JsonNode? Value) followed)
    {
        var text = followed.Value?.ToString() ?? "";
        if (!text.StartsWith('[')) return text;
        if (text.EndsWith(".clientId]")) return "00000000-0000-0000-0000-0000000000c1";
        if (text.EndsWith(".primaryEndpoints.blob]")) return "https://stexample.blob.core.windows.net/";
        if (text.Contains(".servicebus.windows.net'")) return "sb-example.servicebus.windows.net";
        if (text.EndsWith(".ConnectionString]")) return "InstrumentationKey=00000000-0000-0000-0000-000000000000";
        throw new InvalidOperationException($"{followed.Scope.Name}: no sample value for {text}; add one here");
    }
}
