using System.Diagnostics;
using System.Text;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary><c>ssl worker</c> as a child process (the real executable, as a container runs it), configured through
/// environment variables, so that a test can SIGKILL or SIGTERM it.</summary>
sealed class WorkerProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    public WorkerProcess(IReadOnlyDictionary<string, string?> settings, params string[] args)
        : this(DotnetStart(Path.Combine(AppContext.BaseDirectory, "ssl.dll"), settings, args))
    {
    }

    /// <summary>Another .NET program (the API host), run and watched the same way.</summary>
    public WorkerProcess(string dll, IReadOnlyDictionary<string, string?> settings, string[] args)
        : this(DotnetStart(dll, settings, args))
    {
    }

    /// <summary>Any process that runs <c>ssl</c> (a container, via podman); its output is captured.</summary>
    public WorkerProcess(ProcessStartInfo start)
    {
        (start.RedirectStandardOutput, start.RedirectStandardError, start.UseShellExecute) = (true, true, false);
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>A configuration key as an environment variable: <c>Worker:Deadline</c> is
    /// <c>Worker__Deadline</c>.</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    static ProcessStartInfo DotnetStart(string dll, IReadOnlyDictionary<string, string?> settings, string[] args)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in settings) start.Environment[EnvironmentName(key)] = value;
        return start;
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public bool HasExited => process.HasExited;

    /// <summary>SIGKILL: no checkpoint, no settlement, nothing; the lock and the lease expire on their own.</summary>
    public void Kill() => process.Kill();

    /// <summary>SIGTERM, as a container platform sends before it stops a replica.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>Sends the signal of this name (<c>TERM</c>, <c>KILL</c>, <c>ABRT</c>) with <c>kill</c>.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", process.Id.ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{name} {process.Id} exited with {kill.ExitCode}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"ssl worker did not exit within {timeout}; output:\n{Output}");
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
