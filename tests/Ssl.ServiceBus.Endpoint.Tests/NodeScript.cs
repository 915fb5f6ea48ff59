using System.ComponentModel;
using System.Diagnostics;

namespace Ssl.ServiceBus.Endpoint.Tests;

/// <summary>Runs the scripts in <c>JavaScript/</c> as real node processes against an endpoint, with the
/// JavaScript Service Bus SDK that <c>JavaScript/install.sh</c> installs (on first use, from npm).</summary>
internal static class NodeScript
{
    // A guard against a hung client, not a measurement: the scripts end every step within 30 s themselves.
    static readonly TimeSpan ProcessLimit = TimeSpan.FromMinutes(3);
    static readonly SemaphoreSlim InstallOnce = new(1, 1);
    static string? nodeModules;

    public static async Task<NodeRun> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(Folder(), script)]);
        start.Environment["NODE_PATH"] = await NodeModulesAsync();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await RunAsync(start);
    }

    static async Task<string> NodeModulesAsync()
    {
        await InstallOnce.WaitAsync();
        try
        {
            if (nodeModules is null)
            {
                var install = await RunAsync(new ProcessStartInfo("bash", [Path.Combine(Folder(), "install.sh")]));
                if (install.ExitCode != 0 || install.Output.Count == 0)
                {
                    throw new InvalidOperationException(
                        $"JavaScript/install.sh exited with {install.ExitCode}:\n{install.Errors}");
                }

                nodeModules = install.Output[^1];
            }

            return nodeModules;
        }
        finally
        {
            InstallOnce.Release();
        }
    }

    static async Task<NodeRun> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Start(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(ProcessLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new NodeRun(-1, Lines(await output), $"killed after {ProcessLimit}\n{await errors}");
        }

        return new NodeRun(process.ExitCode, Lines(await output), await errors);
    }

    static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"Could not start '{start.FileName}': the JavaScript client tests need Node.js and npm on the PATH.",
                exception);
        }
    }

    static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "tests", "Ssl.ServiceBus.Endpoint.Tests", "JavaScript");
            if (File.Exists(Path.Combine(folder, "install.sh")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException(
            $"No tests/Ssl.ServiceBus.Endpoint.Tests/JavaScript above {AppContext.BaseDirectory}");
    }
}
