using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Tests.Contracts;

public sealed class RunStatusJsonTests
{
    const string Pinned = """
        {
          "schemaVersion": 1,
          "runId": "run-0001",
          "state": "training",
          "updatedAt": "2026-11-27T03:00:00+00:00",
          "progress": {
            "epoch": 3,
            "step": 291,
            "totalSteps": 78000,
            "loss": -0.8125,
            "imagesPerSecond": 2450.5,
            "eta": "05:30:00",
            "heartbeat": "2026-11-27T03:00:00+00:00"
          },
          "attempts": [
            {
              "number": 1,
              "workerId": "worker-a",
              "startedAt": "2026-11-27T02:00:10+00:00",
              "endedAt": "2026-11-27T02:40:00+00:00",
              "outcome": "lost",
              "detail": "no report from the worker; the message came back"
            },
            {
              "number": 2,
              "workerId": "worker-b",
              "startedAt": "2026-11-27T02:41:00+00:00",
              "endedAt": null,
              "outcome": null,
              "detail": null
            }
          ],
          "failureReason": null,
          "cancelRequested": false,
          "warmStartRunId": null
        }
        """;

    static readonly DateTimeOffset T0 = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    static RunStatus Sample() => RunStatus.Queued("run-0001", T0);

    [Fact]
    public void A_status_is_written_in_the_pinned_wire_format()
    {
        var lostAt = T0.AddMinutes(40);
        var status = RunStatus.Queued("run-0001", T0).BeginAttempt("worker-a", T0.AddSeconds(10));
        status = status.MoveTo(RunState.Training, T0.AddMinutes(1));
        status = status with
        {
            Attempts = [status.Attempts[0] with
            {
                EndedAt = lostAt, Outcome = AttemptOutcome.Lost,
                Detail = "no report from the worker; the message came back"
            }]
        };
        status = status.BeginAttempt("worker-b", T0.AddMinutes(41)).MoveTo(RunState.Training, T0.AddMinutes(42));
        status = status.WithProgress(new RunProgress
        {
            Epoch = 3, Step = 291, TotalSteps = 78000, Loss = -0.8125, ImagesPerSecond = 2450.5,
            Eta = TimeSpan.FromHours(5.5), Heartbeat = T0.AddHours(1),
        });

        Assert.Equal(Pinned, ContractJson.SerializeToString(status));
    }

    [Fact]
    public void The_pinned_wire_format_reads_back_and_writes_the_same_bytes()
    {
        var read = ContractJson.Deserialize<RunStatus>(Pinned, "status.json");

        Assert.Equal(RunState.Training, read.State);
        Assert.Equal(AttemptOutcome.Lost, read.Attempts[0].Outcome);
        Assert.Equal("worker-b", read.OpenAttempt!.WorkerId);
        Assert.Equal(Pinned, ContractJson.SerializeToString(read));
    }

    [Fact]
    public void A_diverged_loss_is_written_as_NaN_and_read_back()
    {
        var status = Sample() with
        {
            Progress = new RunProgress { Epoch = 1, Step = 2, TotalSteps = 3, Loss = double.NaN, Heartbeat = T0 }
        };

        var json = ContractJson.SerializeToString(status);

        Assert.Contains("\"loss\": \"NaN\"", json);
        Assert.True(double.IsNaN(ContractJson.Deserialize<RunStatus>(json, "status.json").Progress!.Loss!.Value));
    }

    [Fact]
    public void An_unknown_state_name_is_rejected()
    {
        var error = Assert.Throws<DocumentFormatException>(() =>
            ContractJson.Deserialize<RunStatus>(Pinned.Replace("\"training\"", "\"paused\""),
                "runs/run-0001/status.json"));

        Assert.StartsWith("runs/run-0001/status.json:", error.Message);
    }

    [Fact]
    public void States_are_numbers_nowhere_on_the_wire() =>
        Assert.Throws<DocumentFormatException>(() =>
            ContractJson.Deserialize<RunStatus>(Pinned.Replace("\"training\"", "2"), "status.json"));
}
