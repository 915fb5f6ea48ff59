using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Functions.Tests.Support;

/// <summary>Test classes that talk to Azurite share one instance of it.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
