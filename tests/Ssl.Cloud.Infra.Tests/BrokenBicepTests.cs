using Ssl.Cloud.Infra.Tests.Arm;
using Ssl.Cloud.Infra.Tests.Contract;

namespace Ssl.Cloud.Infra.Tests;

/// <summary>The test of the test: a copy of infra/ with one deliberate break fails the contract, and the failure
/// names the setting, role or value that is wrong.</summary>
public sealed class BrokenBicepTests
{
    [Theory]
    // Renamed rather than removed: a removed setting leaves its parameter unused, which the linter already refuses.
    [InlineData("app/trainer.bicep", "'Storage__BlobServiceUri'", "'Storage__BlobUri'",
        "trainer: does not start under the Bicep's settings: Storage: no connection is configured: "
        + "set Storage__ConnectionString")]
    [InlineData("app/function.bicep", "'ServiceBus__FullyQualifiedNamespace'", "'ServiceBus__Namespace'",
        "functions: does not start under the Bicep's settings: ServiceBus: no connection is configured")]
    [InlineData("app/trainer.bicep", "'ServiceBus__QueueName'", "'ServiceBus__Queue'",
        "trainer: setting ServiceBus__Queue is given but no options class of the app reads it")]
    [InlineData("app/function.bicep", "{ name: 'Pipeline__QueueName', value: queueName }",
        "{ name: 'Pipeline__QueueName', value: queueName }\n"
        + "        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }",
        "functions: setting AZURE_CLIENT_ID is given but no options class of the app reads it")]
    [InlineData("app/roles.bicep", "{ identity: 'trainer', role: 'serviceBusDataReceiver', queue: queueName }",
        "{ identity: 'trainer', role: 'serviceBusDataSender', queue: queueName }",
        "trainer (identity 'trainer') lacks Azure Service Bus Data Receiver on queue 'training'")]
    [InlineData("app/roles.bicep", "{ identity: 'packer', role: 'serviceBusDataReceiver', queue: packQueueName }",
        "{ identity: 'packer', role: 'serviceBusDataReceiver', queue: queueName }",
        "packer (identity 'packer') lacks Azure Service Bus Data Receiver on queue 'pack'")]
    [InlineData("app/roles.bicep", "{ identity: 'trainer', role: 'storageBlobDataContributor', container: 'runs' }", "",
        "trainer (identity 'trainer') lacks Storage Blob Data Contributor on container 'runs'")]
    [InlineData("app/roles.bicep", "{ identity: 'scaler', role: 'serviceBusDataOwner', queue: packQueueName }",
        "{ identity: 'scaler', role: 'serviceBusDataReceiver', queue: packQueueName }",
        "scaler (identity 'scaler') lacks Azure Service Bus Data Owner on queue 'pack'")]
    [InlineData("app/roles.bicep", "{ identity: 'trainer', role: 'acrPull' }",
        "{ identity: 'trainer', role: 'acrPull' }\n  { identity: 'trainer', role: 'serviceBusDataOwner' }",
        "identity 'trainer' holds Azure Service Bus Data Owner on registry, which no code path needs")]
    [InlineData("app/trainer.bicep", "identity: scalerIdentity.id\n", "identity: identity.id\n",
        "the trainer job's KEDA rule's identity ('trainer') must be the scaler's own")]
    [InlineData("app/packer.bicep", "identity: scalerIdentity.id\n", "identity: identity.id\n",
        "the packer job's KEDA rule's identity ('packer') must be the scaler's own")]
    [InlineData("app/packer.bicep", "args: [ 'worker', '--queue', 'pack', '--once' ]", "args: [ 'worker', '--once' ]",
        "packer job runs [worker --once], not the one-shot [worker --queue pack --once]")]
    // The queue by a literal name: a parameter left unused would be refused by the linter before the contract runs.
    [InlineData("app/packer.bicep", "{ name: 'ServiceBus__PackQueueName', value: packQueueName }",
        "{ name: 'ServiceBus__PackQueueName', value: 'training' }",
        "the worker receives from 'training' (ServiceBus__PackQueueName)")]
    [InlineData("app/trainer.bicep", "args: [ 'worker', '--once' ]", "args: [ 'worker' ]",
        "trainer job runs [worker], not the one-shot [worker --once]")]
    [InlineData("app/trainer.bicep", "param workerDeadline string = '03:50:00'",
        "param workerDeadline string = '04:00:00'",
        "trainer: Worker__Deadline '04:00:00' plus the grace period")]
    [InlineData("app/storage.bicep", "  'azure-webjobs-secrets'\n", "",
        "container 'azure-webjobs-secrets' is granted but storage.bicep does not create it")]
    public void A_broken_copy_of_the_bicep_fails_naming_what_is_wrong(
        string file, string find, string replace, string expected)
    {
        var copy = Directory.CreateTempSubdirectory("ssl-broken-infra-").FullName;
        try
        {
            CopyInfra(copy);
            var path = Path.Combine(copy, file);
            var text = File.ReadAllText(path);
            Assert.Contains(find, text);
            File.WriteAllText(path, text.Replace(find, replace));

            var violations = new DeploymentContract(BicepCompiler.Compile(Path.Combine(copy, "main.bicep")))
                .All().ToList();

            Assert.Contains(violations, v => v.Contains(expected));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    static void CopyInfra(string target)
    {
        var infra = Path.Combine(BicepCompiler.RepositoryRoot, "infra");
        foreach (var file in Directory.EnumerateFiles(infra, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(infra, file);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
    }
}
