using System.Diagnostics;

namespace Ssl.Cloud.Trainer.Tests.Container;

/// <summary>The podman command line as trainer/build-cpu-image.sh uses it: runc (crun fails on these machines) and
/// ulimits the kernel accepts (shared/NOTES-containers.md).</summary>
static class Podman
{
    public const string TrainerImage = "localhost/ssl-trainer:cpu";

    public static readonly string[] GlobalFlags = ["--runtime", "runc"];
    public static readonly string[] Ulimits = ["--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096"];

    /// <summary>Whether a <c>podman</c> executable is on the PATH.</summary>
    public static bool IsInstalled { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, "podman")));

    public static ProcessStartInfo Start(params IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("podman");
        foreach (var a in GlobalFlags.Concat(args)) start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>Runs one podman command to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params IEnumerable<string> args)
    {
        var start = Start(args);
        (start.RedirectStandardOutput, start.RedirectStandardError) = (true, true);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"podman {string.Join(' ', args)} did not finish within {timeout}");
        }
        return (process.ExitCode, await output + await errors);
    }
}
