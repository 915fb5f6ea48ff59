using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Trainer.Tests.Journeys;

/// <summary>One local stack for all the hostile-input cases of a test class.</summary>
public sealed class HostileStack : IAsyncLifetime
{
    readonly AzuriteFixture azurite = new();

    internal CloudStack Stack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Stack = await CloudStack.StartAsync(azurite);
        Dataset = await Stack.UploadTinyAsync("hostile-ready");
    }

    /// <summary>A Ready dataset to submit runs on.</summary>
    internal string Dataset { get; private set; } = "";

    public async Task DisposeAsync()
    {
        await Stack.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
