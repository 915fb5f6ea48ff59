using System.Text.Json;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary><c>ssl submit</c> and <c>ssl status</c> as a user runs them, with the worker's settings in the
/// environment.</summary>
[Collection(WorkerCollection.Name)]
public sealed class ClientVerbTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Submit_writes_the_request_and_a_Queued_status_and_sends_one_message_that_status_then_shows()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("cli");

        await using var submit = new WorkerProcess(bed.Settings("cli"), "submit", "--dataset", TinyRun.Dataset, "--method", "byol",
            "--epochs", "2", "--batch-size", "64", "--set", "width=8", "--set", "stem=ImageNet", "--run-id", runId);
        var submitted = await submit.WaitForExitAsync(TimeSpan.FromMinutes(2));
        await using var show = new WorkerProcess(bed.Settings("cli"), "status", runId);
        var shown = await show.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(submitted == 0, submit.Output);
        Assert.Equal(runId, submit.Output.Trim());
        var request = (await bed.Runs.GetRequestAsync(runId))!;
        Assert.Equal(("byol", 2, 64), (request.Method, request.Epochs, request.BatchSize));
        Assert.Equal(8, request.HyperParameters["width"].GetInt32());
        Assert.Equal(JsonValueKind.String, request.HyperParameters["stem"].ValueKind);
        Assert.Equal(RunState.Queued, (await bed.Runs.GetStatusAsync(runId))!.Value.State);
        Assert.Equal(runId, Assert.Single(bed.Queue.Messages()).MessageId);
        Assert.True(shown == 0, show.Output);
        Assert.Contains($"{runId}: queued", show.Output);
    }

    [Fact]
    public async Task Submit_refuses_an_unknown_method_before_writing_or_sending_anything()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("cli-bad");

        await using var submit = new WorkerProcess(bed.Settings("cli"), "submit", "--dataset", TinyRun.Dataset, "--method", "no-such-method", "--run-id", runId);
        var exitCode = await submit.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2, exitCode);
        Assert.Contains("'no-such-method' is not a known method", submit.Output);
        Assert.Null(await bed.Runs.GetStatusAsync(runId));
        Assert.Empty(bed.Queue.Messages());
    }
}
