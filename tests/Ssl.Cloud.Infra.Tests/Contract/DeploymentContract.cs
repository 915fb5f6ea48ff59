using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Infra.Tests.Arm;
using Ssl.Cloud.Trainer.Commands;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Infra.Tests.Contract;

/// <summary>What infra/main.bicep must give the apps, checked against the apps' code. Each check returns its
/// violations, each naming the setting, role or value at fault; none means the contract holds.</summary>
sealed class DeploymentContract(ArmModule main)
{
    public static readonly string[] OneShotWorker = [WorkerCommand.Name, "--once"];
    public static readonly string[] OneShotPacker = [WorkerCommand.Name, "--queue", WorkerOptions.PackQueue, "--once"];

    readonly DeployedApp[] apps = [DeployedApp.Trainer(main), DeployedApp.Functions(main), DeployedApp.Packer(main)];

    public IEnumerable<string> All() =>
        SettingsTheAppsRequire().Concat(SettingsNoAppReads()).Concat(RolesTheCodeNeeds()).Concat(TheJob());

    /// <summary>Each app's host, built under exactly the Bicep's settings, passes its own options validation
    /// (which names what is missing) and constructs its Azure clients.</summary>
    public IEnumerable<string> SettingsTheAppsRequire()
    {
        foreach (var app in apps)
        {
            var problems = new List<string>();
            try
            {
                using var host = app.Build();
                foreach (var (type, _) in app.BoundOptions())
                {
                    var options = host.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
                    Try(problems, () => options.GetType().GetProperty("Value")!.GetValue(options));
                }
                Try(problems, () => host.Services.GetRequiredService<IStartupValidator>().Validate());
                if (problems.Count == 0)
                {
                    Try(problems, () => host.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>());
                    Try(problems,
                        () => host.Services.GetRequiredService<Azure.Messaging.ServiceBus.ServiceBusClient>());
                }
            }
            catch (Exception e)
            {
                problems.Add(e.Message);
            }
            foreach (var p in problems.Distinct())
                yield return $"{app.Name}: does not start under the Bicep's settings: {p}";
        }
    }

    /// <summary>Every setting the Bicep passes is a property of an options class the app binds (or a setting
    /// the platform itself reads): a misspelt or stale setting is caught, not silently ignored.</summary>
    public IEnumerable<string> SettingsNoAppReads()
    {
        foreach (var app in apps)
        {
            var read = app.BoundOptions()
                .SelectMany(o => o.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.SetMethod?.IsPublic == true)
                    .Select(p => $"{o.Section}:{p.Name}"))
                .ToList();
            foreach (var (name, _) in app.Settings)
            {
                if (app.IsPlatformSetting(name)) continue;
                var key = name.Replace("__", ":");
                if (!read.Any(r => key.Equals(r, StringComparison.OrdinalIgnoreCase)
                        || key.StartsWith(r + ":", StringComparison.OrdinalIgnoreCase)))
                    yield return $"{app.Name}: setting {name} is given but no options class of the app reads it";
            }
        }
    }

    /// <summary>The identity each app authenticates as (its settings' ClientId; the KEDA rule's identity for the
    /// scaler) holds exactly the roles of <see cref="RoleNeed.All"/>.</summary>
    public IEnumerable<string> RolesTheCodeNeeds()
    {
        var roles = main.Module("roles");
        foreach (var (key, (id, display)) in RoleNeed.BuiltInRoles)
            if (roles.Variable("roles")?[key]?.ToString() is { } actual && actual != id)
                yield return $"roles.bicep: role '{key}' has id {actual}, but {display} is {id}";

        var granted = Grants(roles).ToList();
        var identities = new Dictionary<string, string?>();
        foreach (var app in apps)
        {
            var storage = app.Setting("Storage__ClientId")?.ToString();
            var bus = app.Setting("ServiceBus__ClientId")?.ToString();
            var identity = storage is null ? null : app.Scope.IdentityKey(storage);
            if (identity is null || bus is null || app.Scope.IdentityKey(bus) != identity)
                yield return $"{app.Name}: Storage__ClientId and ServiceBus__ClientId must name the app's one "
                    + "user-assigned identity";
            identities[app.Name] = identity;
        }
        foreach (var (job, app) in new[] { ("trainer", "trainer"), ("packer", "packer") })
        {
            var scaler = Rule(job)?["identity"]?.ToString() is { } ruleIdentity
                ? main.Module(job).IdentityKey(ruleIdentity) : null;
            // The scaler needs Manage on the queue; the job's code must not hold it.
            if (scaler is null || scaler == identities.GetValueOrDefault(app))
                yield return $"the {job} job's KEDA rule's identity ('{scaler}') must be the scaler's own, "
                    + $"not the {app}'s";
            identities[job == "trainer" ? "scaler" : "pack-scaler"] = scaler;
        }
        if (identities["scaler"] != identities["pack-scaler"])
            yield return "both jobs' KEDA rules must use the one scaler identity";

        var tables = new[]
        {
            "containerGrants", "allContainerGrants", "accountGrants", "queueGrants", "registryGrants"
        };
        foreach (var assignment in roles.Resources("Microsoft.Authorization/roleAssignments"))
        {
            var count = assignment["copy"]?["count"]?.ToString() ?? "";
            var user = assignment["properties"]?["principalType"]?.ToString() == "User";
            if (!user && !tables.Any(t => count == $"[length(variables('{t}'))]"))
                yield return $"roles.bicep: role assignment {assignment["name"]} is not one of the grants tables";
        }

        foreach (var need in RoleNeed.All)
        {
            var identity = identities.GetValueOrDefault(need.App);
            if (!granted.Any(g => g.Identity == identity && g.Role == need.Role && g.ScopeKind == need.ScopeKind
                    && g.ScopeName == need.ScopeName))
                yield return $"{need.App} (identity '{identity}') lacks {need.Describe()}, needed by {need.CodePath}";
        }
        foreach (var g in granted)
        {
            var apps = identities.Where(i => i.Value == g.Identity).Select(i => i.Key).ToList();
            var need = new RoleNeed("", g.Role, g.ScopeKind, g.ScopeName, "");
            if (!RoleNeed.All.Any(n => apps.Contains(n.App) && n with { App = "", CodePath = "" } == need))
                yield return $"identity '{g.Identity}' holds {need.Describe()}, "
                    + "which no code path needs (least privilege)";
        }

        var containers = main.Module("storage").Variable("containerNames")?.AsArray()
            .Select(c => c?.ToString()).ToList() ?? [];
        foreach (var g in granted.Where(g => g.ScopeKind == "container" && !containers.Contains(g.ScopeName)))
            yield return $"container '{g.ScopeName}' is granted but storage.bicep does not create it";
    }

    /// <summary>The job runs the one-shot worker, its deadline ends before the replica timeout with the grace
    /// period to spare, and the worker command has the one-shot mode.</summary>
    public IEnumerable<string> TheJob()
    {
        var trainer = main.Module("trainer");
        var job = DeployedApp.Job(trainer);
        var args = job["properties"]!["template"]!["containers"]![0]!["args"]?.AsArray()
            .Select(a => a?.ToString()).ToArray() ?? [];
        if (!args.SequenceEqual(OneShotWorker))
            yield return $"trainer job runs [{string.Join(' ', args)}], "
                + $"not the one-shot [{string.Join(' ', OneShotWorker)}]";
        if (!WorkerCommand.Create().Options.Any(o => o.Name == "--once"))
            yield return "ssl worker has no --once option for the job to run";

        var timeout = trainer.Follow(job["properties"]!["configuration"]!["replicaTimeout"]).Value?.GetValue<int>();
        var app = DeployedApp.Trainer(main);
        var settings = app.Configuration();
        var deadline = settings.GetValueOrDefault("Worker:Deadline");
        using var host = app.Build();
        var grace = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.GracePeriod;
        if (!TimeSpan.TryParse(deadline, out var d) || timeout is not { } t || d + grace >= TimeSpan.FromSeconds(t))
            yield return $"trainer: Worker__Deadline '{deadline}' plus the grace period {grace} must end before "
                + $"replicaTimeout {timeout} s";

        foreach (var problem in RuleIdentityIsAssigned("trainer").Concat(ThePackJob())) yield return problem;
    }

    /// <summary>The pack job runs the one-shot pack worker, scaled on the queue its worker receives from, which is
    /// the queue the Function app sends Ready datasets to.</summary>
    IEnumerable<string> ThePackJob()
    {
        var packer = main.Module("packer");
        var args = DeployedApp.Job(packer)["properties"]!["template"]!["containers"]![0]!["args"]?.AsArray()
            .Select(a => a?.ToString()).ToArray() ?? [];
        if (!args.SequenceEqual(OneShotPacker))
            yield return $"packer job runs [{string.Join(' ', args)}], "
                + $"not the one-shot [{string.Join(' ', OneShotPacker)}]";
        var ruleQueue = packer.Follow(Rule("packer")?["metadata"]?["queueName"]).Value?.ToString();
        var workerQueue = DeployedApp.Packer(main).Configuration().GetValueOrDefault("ServiceBus:PackQueueName");
        var sentTo = DeployedApp.Functions(main).Configuration().GetValueOrDefault("Pipeline:PackQueueName");
        if (ruleQueue is null || ruleQueue != workerQueue || ruleQueue != sentTo)
            yield return $"packer: the KEDA rule scales on queue '{ruleQueue}', the worker receives from "
                + $"'{workerQueue}' (ServiceBus__PackQueueName), the Function app sends to '{sentTo}' "
                + "(Pipeline__PackQueueName); they must be one queue";
        foreach (var problem in RuleIdentityIsAssigned("packer")) yield return problem;
    }

    IEnumerable<string> RuleIdentityIsAssigned(string module)
    {
        var identity = Rule(module)?["identity"]?.ToString();
        var job = DeployedApp.Job(main.Module(module));
        var assigned = job["identity"]?["userAssignedIdentities"]?.AsObject().Select(p => p.Key).ToList() ?? [];
        if (identity is null || !assigned.Contains($"[format('{{0}}', {identity.Trim('[', ']')})]"))
            yield return $"{module}: the KEDA rule's identity must be one of the job's user-assigned identities";
    }

    JsonObject? Rule(string module) =>
        DeployedApp.Job(main.Module(module))["properties"]!["configuration"]!["eventTriggerConfig"]
            ?["scale"]?["rules"]?
            .AsArray().Select(r => r!.AsObject()).SingleOrDefault(r => (string?)r["type"] == "azure-servicebus");

    sealed record Grant(string Identity, string Role, string ScopeKind, string? ScopeName);

    /// <summary>The grants tables of roles.bicep; each role assignment there must loop over one of them.</summary>
    static IEnumerable<Grant> Grants(ArmModule roles)
    {
        var tables = new Dictionary<string, string> { ["containerGrants"] = "container", ["accountGrants"] = "account",
            ["queueGrants"] = "queue", ["registryGrants"] = "registry" };
        foreach (var (variable, kind) in tables)
            foreach (var g in roles.Variable(variable)?.AsArray() ?? [])
                yield return new Grant(g!["identity"]!.ToString(), g["role"]!.ToString(), kind,
                    g["container"]?.ToString() ?? roles.Follow(g["queue"]).Value?.ToString());
    }

    static void Try(List<string> problems, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            var inner = e is TargetInvocationException { InnerException: { } i } ? i : e;
            if (inner is AggregateException a) problems.AddRange(a.InnerExceptions.Select(x => x.Message));
            else problems.Add(inner.Message);
        }
    }
}
