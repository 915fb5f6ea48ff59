using System.Diagnostics;
using Ssl.Cloud.Infra.Tests.Arm;
using Ssl.Cloud.Infra.Tests.Contract;

namespace Ssl.Cloud.Infra.Tests;

/// <summary><c>azd deploy</c> updates the trainer job's image only (the pack job is no azd service): the
/// <c>postdeploy</c> hook of azure.yaml gives the pack job the image just deployed. Run here with a stand-in
/// <c>az</c> that records its arguments, against the names the compiled Bicep gives.</summary>
public sealed class PostDeployHookTests : IDisposable
{
    static readonly string Hook = Path.Combine(BicepCompiler.RepositoryRoot, "infra", "hooks", "postdeploy.sh");
    static readonly Lazy<ArmModule> Main = new(() => BicepCompiler.Compile(BicepCompiler.MainBicep));
    readonly DirectoryInfo bin = Directory.CreateTempSubdirectory("ssl-fake-az-");

    [Fact]
    public void Azure_yaml_runs_the_hook_after_every_deploy()
    {
        var yaml = File.ReadAllText(Path.Combine(BicepCompiler.RepositoryRoot, "azure.yaml"));
        var hooks = yaml[yaml.IndexOf("\nhooks:", StringComparison.Ordinal)..yaml.IndexOf("\nservices:",
            StringComparison.Ordinal)];
        Assert.Contains("  postdeploy:\n    posix:\n      shell: sh\n      run: ./infra/hooks/postdeploy.sh", hooks);
    }

    [Fact]
    public void The_hook_gives_the_pack_job_s_container_the_image_azd_deployed_to_the_trainer()
    {
        var packer = Main.Value.Module("packer");
        var container = DeployedApp.Job(packer)["properties"]!["template"]!["containers"]![0]!["name"]!.ToString();
        Assert.True(Main.Value.Template["outputs"]?["PACKER_JOB_NAME"] is not null,
            "main.bicep has no PACKER_JOB_NAME output for the hook");

        var (exit, output) = RunHook(new() { ["SERVICE_TRAINER_IMAGE_NAME"] = "cr.example/ssl/trainer:azd-42" });

        Assert.True(exit == 0, output);
        Assert.Equal(
            "containerapp job update --name caj-packer-x --resource-group rg-x "
            + $"--container-name {container} --image cr.example/ssl/trainer:azd-42 --output none",
            File.ReadAllText(Path.Combine(bin.FullName, "az.args")).Trim());
    }

    [Fact]
    public void Without_a_deployed_trainer_image_the_hook_fails_naming_the_variable_and_calls_nothing()
    {
        var (exit, output) = RunHook([]);

        Assert.NotEqual(0, exit);
        Assert.Contains("SERVICE_TRAINER_IMAGE_NAME", output);
        Assert.False(File.Exists(Path.Combine(bin.FullName, "az.args")));
    }

    (int Exit, string Output) RunHook(Dictionary<string, string> environment)
    {
        var az = Path.Combine(bin.FullName, "az");
        File.WriteAllText(az, $"#!/bin/sh\necho \"$@\" > '{bin.FullName}/az.args'\n");
        if (!OperatingSystem.IsWindows()) // the posix hook; the Windows one is its pwsh twin
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("sh", [Hook]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = $"{bin.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["PACKER_JOB_NAME"] = "caj-packer-x";
        start.Environment["AZURE_RESOURCE_GROUP"] = "rg-x";
        start.Environment.Remove("SERVICE_TRAINER_IMAGE_NAME");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    public void Dispose() => bin.Delete(recursive: true);
}
