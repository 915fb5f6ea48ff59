using Ssl.Cloud.Trainer.Tests.Worker;

namespace Ssl.Cloud.Trainer.Tests.Container;

/// <summary><c>podman run</c> of the trainer image on the host network (Azurite and the Service Bus endpoint listen
/// on 127.0.0.1), configured as the Container Apps Job is: settings as environment variables,
/// <c>worker --once</c>.</summary>
sealed class TrainerContainer : IAsyncDisposable
{
    readonly WorkerProcess run;

    TrainerContainer(string name, WorkerProcess run)
    {
        Name = name;
        this.run = run;
    }

    public string Name { get; }

    public string Output => run.Output;

    /// <param name="settings">The worker's configuration keys (<c>Worker:GracePeriod</c>); the work directory is the
    /// image's own.</param>
    public static TrainerContainer Start(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var name = $"ssl-test-{Guid.NewGuid():N}"[..20];
        List<string> podman = ["run", "--rm", "--name", name, "--network", "host", .. Podman.Ulimits];
        foreach (var (key, value) in settings)
            if (key != "Worker:WorkDirectory") podman.AddRange(["-e", $"{WorkerProcess.EnvironmentName(key)}={value}"]);
        podman.AddRange([Podman.TrainerImage, .. args]);
        return new TrainerContainer(name, new WorkerProcess(Podman.Start(podman)));
    }

    /// <summary><c>podman stop</c>: SIGTERM, then SIGKILL after <paramref name="grace"/>, as Container Apps
    /// does.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        var (exitCode, output) = await Podman.RunAsync(grace + TimeSpan.FromMinutes(1),
            "stop", "--time", ((int)grace.TotalSeconds).ToString(), Name);
        if (exitCode != 0) throw new InvalidOperationException($"podman stop {Name} exited with {exitCode}: {output}");
    }

    /// <returns>The container's exit code, which <c>podman run</c> passes on.</returns>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => run.WaitForExitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (!run.HasExited) await Podman.RunAsync(TimeSpan.FromMinutes(1), "rm", "--force", "--time", "0", Name);
        await run.DisposeAsync();
    }
}
