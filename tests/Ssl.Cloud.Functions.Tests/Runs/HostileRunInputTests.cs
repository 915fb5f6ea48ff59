using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Runs;

/// <summary>Hostile and wrong run submissions, warm starts and cancellations.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileRunInputTests(AzuriteFixture azurite) : HostileInput(azurite)
{
    [Fact]
    public async Task A_run_for_an_unknown_dataset_is_404_naming_the_dataset()
    {
        var answer = await api.PostAsync("/api/runs", Run("run-unknown-ds", datasetId: "no-such-data"));

        Assert.Equal(404, answer.Status);
        Assert.Contains("dataset 'no-such-data' does not exist", answer.Text);
        Assert.Equal(["datasetId"], answer.Fields);
        await AssertNoRunAsync("run-unknown-ds");
    }

    [Fact]
    public async Task A_run_for_a_dataset_still_uploading_is_409_naming_its_state()
    {
        Assert.Equal(201, (await api.PostAsync("/api/datasets", new { datasetId = "half-done" })).Status);

        var answer = await api.PostAsync("/api/runs", Run("run-not-ready", datasetId: "half-done"));

        Assert.Equal(409, answer.Status);
        Assert.Contains("dataset 'half-done' is Uploading, not Ready", answer.Text);
        await AssertNoRunAsync("run-not-ready");
    }

    [Theory]
    [InlineData("""{"runId":"run-h1","datasetId":"pets","method":"simsam","encoder":"convnet"}""", "method")]
    [InlineData("""{"runId":"run-h2","datasetId":"pets","method":"simsiam","encoder":"vit-huge"}""", "encoder")]
    [InlineData("""{"runId":"run-h3","datasetId":"pets","method":"simsiam","encoder":"convnet","epochs":0}""",
        "epochs")]
    [InlineData("""{"runId":"run-h4","datasetId":"pets","method":"simsiam","encoder":"convnet","batchSize":-5}""",
        "batchSize")]
    [InlineData("""{"runId":"run-h5","datasetId":"pets","method":"simsiam","encoder":"convnet","epoch":5}""", "epoch")]
    [InlineData("""{"runId":"run-h6","datasetId":"pets","method":"simsiam","encoder":"convnet","epochs":"ten"}""",
        "epochs")]
    [InlineData("""{"runId":"run-h7","datasetId":"../etc","method":"simsiam","encoder":"convnet"}""", "datasetId")]
    [InlineData("""{"runId":"run-h8","datasetId":"pets","method":"simsiam","encoder":"convnet","hyperParameters":"""
        + """{"lr":{"x":1}}}""",
        "hyperParameters.lr")]
    [InlineData("""{"runId":"run-h9","datasetId":"pets","method":"simsiam","encoder":"convnet","warmStartRunId":"run"""
        + """-h9"}""",
        "warmStartRunId")]
    [InlineData("[1,2]", "body")]
    public async Task An_invalid_run_is_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var answer = await api.PostAsync("/api/runs", body);

        Assert.Equal(400, answer.Status);
        Assert.Contains(field, answer.Fields);
        Assert.Empty(api.Queue.Messages());
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_413()
    {
        var answer = await api.PostAsync("/api/runs",
            Run("run-huge", hyperParameters: new { note = new string('x', 70_000) }));

        Assert.Equal(413, answer.Status);
        await AssertNoRunAsync("run-huge");
    }

    [Fact]
    public async Task A_warm_start_from_a_missing_run_is_422_naming_warmStartRunId()
    {
        var answer = await api.PostAsync("/api/runs", Run("run-warm-missing", warmStartRunId: "never-ran"));

        Assert.Equal(422, answer.Status);
        Assert.Equal(["warmStartRunId"], answer.Fields);
        Assert.Contains("run 'never-ran' does not exist", answer.Text);
        await AssertNoRunAsync("run-warm-missing");
    }

    [Fact]
    public async Task A_warm_start_from_a_run_of_another_encoder_is_422_naming_encoder()
    {
        await SucceededRunAsync("src-resnet", encoder: "resnet18");

        var answer = await api.PostAsync("/api/runs",
            Run("run-warm-enc", encoder: "convnet", warmStartRunId: "src-resnet"));

        Assert.Equal(422, answer.Status);
        Assert.Equal(["encoder"], answer.Fields);
        Assert.Contains("'convnet' differs from 'resnet18'", answer.Text);
        await AssertNoRunAsync("run-warm-enc");
    }

    [Fact]
    public async Task A_warm_start_from_a_run_of_another_method_is_422_naming_method()
    {
        await SucceededRunAsync("src-byol", method: "byol");

        var answer = await api.PostAsync("/api/runs",
            Run("run-warm-method", method: "simsiam", warmStartRunId: "src-byol"));

        Assert.Equal(422, answer.Status);
        Assert.Equal(["method"], answer.Fields);
        await AssertNoRunAsync("run-warm-method");
    }

    [Fact]
    public async Task A_warm_start_from_a_run_of_another_width_is_422_naming_the_width()
    {
        await SucceededRunAsync("src-wide", hyperParameters: new { width = 32 });

        var answer = await api.PostAsync("/api/runs",
            Run("run-warm-width", warmStartRunId: "src-wide", hyperParameters: new { width = 16 }));

        Assert.Equal(422, answer.Status);
        Assert.Equal(["hyperParameters.width"], answer.Fields);
        await AssertNoRunAsync("run-warm-width");
    }

    [Fact]
    public async Task A_warm_start_from_an_unfinished_run_is_422_naming_its_state()
    {
        Assert.Equal(202, (await api.PostAsync("/api/runs", Run("src-queued"))).Status);

        var answer = await api.PostAsync("/api/runs", Run("run-warm-queued", warmStartRunId: "src-queued"));

        Assert.Equal(422, answer.Status);
        Assert.Contains("run 'src-queued' is Queued, not Succeeded", answer.Text);
        await AssertNoRunAsync("run-warm-queued");
    }

    [Fact]
    public async Task A_compatible_warm_start_is_accepted_and_its_status_names_the_source()
    {
        await SucceededRunAsync("src-good");

        var answer = await api.PostAsync("/api/runs", Run("run-warm-good", warmStartRunId: "src-good"));

        Assert.Equal(202, answer.Status);
        var status = await api.GetAsync("/api/runs/run-warm-good");
        Assert.Equal("src-good", status.String("warmStartRunId"));
    }

    [Fact]
    public async Task Cancelling_a_finished_run_is_409_naming_its_state_and_changes_nothing()
    {
        await SucceededRunAsync("run-done");

        var answer = await api.PostAsync("/api/runs/run-done/cancel", null);

        Assert.Equal(409, answer.Status);
        Assert.Contains("is Succeeded, a final state", answer.Text);
        Assert.False((await api.Get<RunStore>().GetStatusAsync("run-done"))!.Value.CancelRequested);
    }

    [Fact]
    public async Task Cancelling_an_unknown_run_is_404()
    {
        var answer = await api.PostAsync("/api/runs/no-such-run/cancel", null);

        Assert.Equal(404, answer.Status);
        Assert.Contains("run 'no-such-run' does not exist", answer.Text);
    }

    [Fact]
    public async Task A_run_id_that_is_not_an_identifier_is_400_naming_id()
    {
        var answer = await api.GetAsync("/api/runs/RUN..x");

        Assert.Equal(400, answer.Status);
        Assert.Equal(["id"], answer.Fields);
    }
}
