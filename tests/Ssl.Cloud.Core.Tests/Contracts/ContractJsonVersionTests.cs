using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Tests.Contracts;

public sealed class ContractJsonVersionTests
{
    [Fact]
    public void An_unknown_schema_version_is_rejected_naming_the_version_and_the_document()
    {
        var json = """{ "schemaVersion": 7, "runId": "r-1", "state": "someNewState" }""";

        var error = Assert.Throws<UnsupportedSchemaVersionException>(
            () => ContractJson.Deserialize<RunStatus>(json, "runs/r-1/status.json"));

        Assert.Equal(7, error.Version);
        Assert.Equal(1, error.SupportedVersion);
        Assert.Equal("runs/r-1/status.json", error.Document);
        Assert.Equal(
            "runs/r-1/status.json: RunStatus schemaVersion 7 is not supported; this build reads schemaVersion 1 only",
            error.Message);
    }

    [Fact]
    public void The_version_is_found_wherever_it_stands_in_the_object()
    {
        var json = """{ "runId": "r-1", "nested": { "schemaVersion": 1 }, "schemaVersion": 2 }""";

        var error = Assert.Throws<UnsupportedSchemaVersionException>(
            () => ContractJson.Deserialize<RunStatus>(json, "doc"));

        Assert.Equal(2, error.Version);
    }

    [Theory]
    [InlineData("""{ "runId": "r-1" }""", "has no 'schemaVersion'")]
    [InlineData("""{ "schemaVersion": "1" }""", "'schemaVersion' is not an integer")]
    [InlineData("""[1, 2]""", "is not a JSON object")]
    [InlineData("""{ "schemaVersion": 1, """, "is not a valid RunStatus")]
    [InlineData("", "is not valid JSON")]
    public void A_document_that_is_not_versioned_json_is_rejected_with_a_reason(string json, string reason)
    {
        var error = Assert.ThrowsAny<DocumentFormatException>(() => ContractJson.Deserialize<RunStatus>(json, "doc"));

        Assert.Contains(reason, error.Message);
        Assert.StartsWith("doc:", error.Message);
    }

    [Fact]
    public void Every_contract_writes_the_version_it_reads()
    {
        Assert.Contains("\"schemaVersion\": 1", ContractJson.SerializeToString(TestData.Request()));
        Assert.Contains("\"schemaVersion\": 1",
            ContractJson.SerializeToString(RunStatus.Queued("run-1", TestData.Now)));
        Assert.Contains("\"schemaVersion\": 1", ContractJson.SerializeToString(
            DatasetManifest.FromValidation("ds-1", [], [], TestData.Now)));
    }
}
