using Ssl.Cloud.Infra.Tests.Arm;
using Ssl.Cloud.Infra.Tests.Contract;

namespace Ssl.Cloud.Infra.Tests;

/// <summary>infra/main.bicep, compiled to ARM JSON by the Bicep CLI, against the apps' code (issue 11, item
/// 6).</summary>
public sealed class DeploymentContractTests
{
    static readonly Lazy<DeploymentContract> Contract = new(() => new(BicepCompiler.Compile(BicepCompiler.MainBicep)));

    [Fact]
    public void Both_apps_start_under_the_settings_the_bicep_gives_them() =>
        Assert.Empty(Contract.Value.SettingsTheAppsRequire());

    [Fact]
    public void Every_setting_the_bicep_gives_is_one_the_app_reads() =>
        Assert.Empty(Contract.Value.SettingsNoAppReads());

    [Fact]
    public void Each_identity_holds_exactly_the_roles_its_code_paths_need() =>
        Assert.Empty(Contract.Value.RolesTheCodeNeeds());

    [Fact]
    public void The_job_runs_the_one_shot_worker_within_its_replica_timeout() =>
        Assert.Empty(Contract.Value.TheJob());
}
