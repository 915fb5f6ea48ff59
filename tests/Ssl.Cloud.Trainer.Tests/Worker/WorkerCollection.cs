using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>The worker tests share one Azurite and run one after another: each trains on both cores, and
/// TorchSharp's global RNG (weight initialisation) must not be drawn from by two runs at once.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Worker";
}
