using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Trainer.Tests.Journeys;

/// <summary>The journeys run one after another: each trains on both cores with a worker process of its own.</summary>
[CollectionDefinition(Name)]
public sealed class JourneyCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Journeys";
}
