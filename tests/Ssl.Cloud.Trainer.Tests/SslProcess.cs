using System.Diagnostics;

namespace Ssl.Cloud.Trainer.Tests;

/// <summary>Runs the real <c>ssl</c> executable (built next to the tests) as a child process.</summary>
static class SslProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> Run(params string[] args) => await Run(TimeSpan.FromMinutes(10), args);

    public static Task<Result> Run(TimeSpan timeout, params string[] args) =>
        Run(timeout, new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (e.g. <c>SSL_CACHE</c>, so nothing goes to ~/.cache).</summary>
    public static Task<Result> RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(TimeSpan.FromMinutes(10), environment, args);

    static async Task<Result> Run(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false
        };
        foreach (var (k, v) in environment) start.Environment[k] = v;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ssl.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"ssl {string.Join(' ', args)} did not finish within {timeout}.\n{await stdout}\n{await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
