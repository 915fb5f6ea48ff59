namespace Ssl.Cloud.Trainer.Tests.Commands;

/// <summary>The cloud verbs start only with a whole connection, and say which settings make one.</summary>
public class ConnectionSettingsTests
{
    [Fact]
    public async Task A_cloud_verb_without_connection_settings_names_both_shapes_and_exits_with_a_user_error()
    {
        var result = await SslProcess.Run("worker", "--dead-letters");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Storage__ConnectionString", result.Error);
        Assert.Contains("Storage__BlobServiceUri", result.Error);
        Assert.Contains("ServiceBus__FullyQualifiedNamespace", result.Error);
        Assert.DoesNotContain("   at ", result.Output + result.Error);
    }

    [Fact]
    public async Task The_identity_shape_with_a_malformed_client_id_is_refused_before_any_call()
    {
        var result = await SslProcess.RunWith(new Dictionary<string, string>
        {
            ["Storage__BlobServiceUri"] = "https://stexample.blob.core.windows.net/",
            ["Storage__ClientId"] = "id-trainer",
            ["ServiceBus__FullyQualifiedNamespace"] = "sb-example.servicebus.windows.net",
        }, "worker", "--dead-letters");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Storage__ClientId must be a managed identity's client id (a GUID); got 'id-trainer'",
            result.Error);
    }
}
