using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ssl.Cloud.Infra.Tests.Arm;

/// <summary>Compiles a Bicep file to ARM JSON with the CLI that infra/bicep.sh provides (offline, from
/// NuGet).</summary>
static class BicepCompiler
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string MainBicep => Path.Combine(RepositoryRoot, "infra", "main.bicep");

    public static ArmModule Compile(string bicepFile)
    {
        var bicep = Run("bash", Path.Combine(RepositoryRoot, "infra", "bicep.sh")).Trim();
        var outDir = Directory.CreateTempSubdirectory("ssl-infra-tests-").FullName;
        try
        {
            Run(bicep, "build", bicepFile, "--outdir", outDir);
            var json = File.ReadAllText(
                Path.Combine(outDir, Path.ChangeExtension(Path.GetFileName(bicepFile), ".json")));
            return new ArmModule("main", (JsonObject)JsonNode.Parse(json)!, parent: null, parameterValues: null);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{stderr}");
        return stdout.Result;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ssl.Cloud.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Ssl.Cloud.sln above {AppContext.BaseDirectory}");
    }
}
