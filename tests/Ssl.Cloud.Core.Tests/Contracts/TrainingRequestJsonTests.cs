using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Tests.Contracts;

public sealed class TrainingRequestJsonTests
{
    const string Pinned = """
        {
          "schemaVersion": 1,
          "runId": "run-0001",
          "datasetId": "cifar10-sample",
          "method": "simsiam",
          "encoder": "resnet18-cifar",
          "epochs": 800,
          "minutes": null,
          "batchSize": 512,
          "hyperParameters": {
            "lr": 0.06,
            "weightDecay": 0.0005,
            "predictorFixedLr": true
          },
          "schedule": {
            "schedule": "nightly",
            "dueTime": "2026-11-27T02:00:00+00:00"
          },
          "warmStartRunId": "run-0000",
          "requestedAt": "2026-11-27T02:00:05+00:00"
        }
        """;

    static TrainingRequest Scheduled() => TestData.Request() with
    {
        Schedule = new ScheduleOrigin("nightly", new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero)),
        WarmStartRunId = "run-0000",
    };

    [Fact]
    public void A_request_is_written_in_the_pinned_wire_format() =>
        Assert.Equal(Pinned, ContractJson.SerializeToString(Scheduled()));

    [Fact]
    public void The_pinned_wire_format_reads_back_and_writes_the_same_bytes()
    {
        var read = ContractJson.Deserialize<TrainingRequest>(Pinned, "request body");

        Assert.Equal("simsiam", read.Method);
        Assert.Equal(0.06, read.HyperParameters["lr"].GetDouble());
        Assert.Equal("nightly", read.Schedule!.Schedule);
        Assert.Equal(Pinned, ContractJson.SerializeToString(read));
    }

    [Fact]
    public void A_request_without_schedule_or_warm_start_writes_nulls_and_reads_them_back()
    {
        var json = ContractJson.SerializeToString(TestData.Request());

        Assert.Contains("\"schedule\": null", json);
        Assert.Contains("\"warmStartRunId\": null", json);
        Assert.Null(ContractJson.Deserialize<TrainingRequest>(json, "request body").WarmStartRunId);
    }

    [Fact]
    public void A_missing_required_member_is_rejected_naming_the_document_and_the_member()
    {
        var json = Pinned.Replace("  \"epochs\": 800,\n", "");

        var error = Assert.Throws<DocumentFormatException>(
            () => ContractJson.Deserialize<TrainingRequest>(json, "request body"));

        Assert.StartsWith("request body:", error.Message);
        Assert.Contains("epochs", error.Message);
    }

    [Fact]
    public void A_null_in_a_non_nullable_member_is_rejected() =>
        Assert.Throws<DocumentFormatException>(() =>
            ContractJson.Deserialize<TrainingRequest>(Pinned.Replace("\"simsiam\"", "null"), "request body"));

    [Fact]
    public void An_unknown_member_is_rejected_so_that_a_misspelt_option_is_not_silently_ignored()
    {
        var json = Pinned.Replace("\"warmStartRunId\"", "\"warmStartRun\"");

        var error = Assert.Throws<DocumentFormatException>(
            () => ContractJson.Deserialize<TrainingRequest>(json, "request body"));

        Assert.Contains("warmStartRun", error.Message);
    }

    [Fact]
    public void A_time_budget_reads_back_as_written()
    {
        var json = ContractJson.SerializeToString(TestData.Request() with { Minutes = 12.5 });

        Assert.Contains("\"minutes\": 12.5", json);
        Assert.Equal(12.5, ContractJson.Deserialize<TrainingRequest>(json, "request body").Minutes);
    }
}
