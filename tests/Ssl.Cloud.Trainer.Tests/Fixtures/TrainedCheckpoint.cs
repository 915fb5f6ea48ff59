using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Fixtures;

/// <summary>One tiny training run shared by a test class: its final checkpoint, and a folder to write into.</summary>
public sealed class TrainedCheckpoint : IAsyncLifetime
{
    readonly TempFolder folder = new();

    public string Root => folder.Path;

    public string Path { get; private set; } = "";

    public async Task InitializeAsync() => Path = await TinyRun.Checkpoint(folder.Path);

    public Task DisposeAsync()
    {
        folder.Dispose();
        return Task.CompletedTask;
    }
}
