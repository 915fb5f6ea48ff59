using System.Diagnostics;

namespace Ssl.Cloud.Trainer.Tests.Container;

/// <summary>The CPU trainer image. tests/run-all.sh builds it before the tests, from the code under test; where it is
/// missing (a test run on its own), the fixture builds it with trainer/build-cpu-image.sh, as AzuriteFixture starts
/// Azurite. An image left from older code is not rebuilt here: run the script after changing the trainer.</summary>
public sealed class TrainerImageFixture : IAsyncLifetime
{
    static readonly TimeSpan BuildPatience = TimeSpan.FromMinutes(30);

    public async Task InitializeAsync()
    {
        if (!Podman.IsInstalled) return;
        var (exists, _) = await Podman.RunAsync(TimeSpan.FromMinutes(1), "image", "exists", Podman.TrainerImage);
        if (exists == 0) return;
        var script = Path.Combine(RepositoryRoot(), "trainer", "build-cpu-image.sh");
        var start = new ProcessStartInfo("bash", [script, Podman.TrainerImage])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(BuildPatience);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{script} exited with {process.ExitCode}:\n{await output}{await errors}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "trainer", "build-cpu-image.sh")))
                return dir.FullName;
        throw new InvalidOperationException($"No trainer/build-cpu-image.sh above {AppContext.BaseDirectory}");
    }
}
