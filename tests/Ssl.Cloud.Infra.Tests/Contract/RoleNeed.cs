namespace Ssl.Cloud.Infra.Tests.Contract;

/// <summary>A role an app's identity needs, where, and the code path that needs it.</summary>
/// <param name="App">trainer, functions, packer, or scaler (KEDA's queue scaler on both jobs).</param>
/// <param name="Role">The key in infra/app/roles.bicep's <c>roles</c>.</param>
/// <param name="ScopeKind">container, account, queue, or registry.</param>
/// <param name="ScopeName">The container's or queue's name; null for the others.</param>
sealed record RoleNeed(string App, string Role, string ScopeKind, string? ScopeName, string CodePath)
{
    /// <summary>Every role the code needs; infra/README.md shows the same table. The Bicep must grant these and
    /// nothing else to the three identities.</summary>
    public static readonly RoleNeed[] All =
    [
        new("functions", "storageBlobDataContributor", "container", "runs",
            "RunService: request.json, status.json (ETag-guarded), cancel; ListArtifacts"),
        new("functions", "storageBlobDataContributor", "container", "datasets",
            "DatasetService: manifest.json, commit reads raw/ headers"),
        new("functions", "storageBlobDataContributor", "container", "schedules", "ScheduleStore, SubmitDueSchedules"),
        new("functions", "storageBlobDataContributor", "container", "azure-webjobs-hosts",
            "Functions host (AzureWebJobsStorage): timer trigger locks"),
        new("functions", "storageBlobDataContributor", "container", "azure-webjobs-secrets",
            "Functions host (AzureWebJobsStorage): function keys"),
        new("functions", "storageBlobDelegator", "account", null, "SasIssuer: user delegation key for SAS links"),
        new("functions", "serviceBusDataSender", "queue", "training", "TrainingQueue.SendAsync (submit, schedules)"),
        new("functions", "serviceBusDataSender", "queue", "pack", "PackQueue.SendAsync (a dataset becomes Ready)"),
        new("trainer", "storageBlobDataContributor", "container", "runs",
            "RunStore: status, lease, checkpoints, report, encoder"),
        new("trainer", "storageBlobDataContributor", "container", "datasets",
            "DatasetResolver: download raw/ and packed/, write packed/"),
        new("trainer", "serviceBusDataReceiver", "queue", "training",
            "TrainingWorker: receive, renew lock, complete/abandon/dead-letter; dead-letter sweep"),
        new("trainer", "acrPull", "registry", null, "Container Apps pulls the trainer image"),
        new("scaler", "serviceBusDataOwner", "queue", "training",
            "KEDA azure-servicebus scaler reads the queue's message count (Manage)"),
        new("scaler", "serviceBusDataOwner", "queue", "pack",
            "KEDA azure-servicebus scaler of the pack job reads the pack queue's message count (Manage)"),
        new("packer", "storageBlobDataContributor", "container", "datasets",
            "DatasetPacker: reads the manifest and raw/, writes packed/ and marks the manifest packed"),
        new("packer", "serviceBusDataReceiver", "queue", "pack",
            "PackWorker: receive, renew lock, complete/abandon/dead-letter pack requests"),
        new("packer", "acrPull", "registry", null, "Container Apps pulls the image of the pack job"),
    ];

    /// <summary>The built-in role definition ids, so that a wrong id in the Bicep is caught too.</summary>
    public static readonly Dictionary<string, (string Id, string DisplayName)> BuiltInRoles = new()
    {
        ["storageBlobDataContributor"] = ("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor"),
        ["storageBlobDelegator"] = ("db58b8e5-c6ad-4a2a-8342-4190687cbf4a", "Storage Blob Delegator"),
        ["serviceBusDataSender"] = ("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Azure Service Bus Data Sender"),
        ["serviceBusDataReceiver"] = ("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Azure Service Bus Data Receiver"),
        ["serviceBusDataOwner"] = ("090c5cfd-751d-490a-894a-3ce6f1109419", "Azure Service Bus Data Owner"),
        ["acrPull"] = ("7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull"),
    };

    public string Describe() =>
        $"{(BuiltInRoles.TryGetValue(Role, out var r) ? r.DisplayName : Role)} on {ScopeKind}"
        + (ScopeName is null ? "" : $" '{ScopeName}'");
}
