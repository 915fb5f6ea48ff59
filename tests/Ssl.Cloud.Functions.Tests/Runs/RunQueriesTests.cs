using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Runs;
using Ssl.Cloud.Functions.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Runs;

/// <summary>Status, cancel and artifacts of a run, and of runs that do not exist.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunQueriesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    TestApp app = null!;

    public async Task InitializeAsync()
    {
        app = await TestApp.StartAsync(azurite);
        await app.Function<SubmitRun>().Run(HttpRequests.Post(
            new { runId = "run-0001", datasetId = "pets", method = "simsiam", encoder = "resnet18", epochs = 1,
                batchSize = 8 }), default);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_status_of_a_submitted_run_is_queued()
    {
        var status = Answers.Document(await app.Function<GetRun>().Run(HttpRequests.Empty("GET"), "run-0001", default));

        Assert.Equal("run-0001", status.GetProperty("runId").GetString());
        Assert.Equal("queued", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_unknown_run_is_404_for_status_cancel_and_artifacts()
    {
        Assert.Equal(404,
            Answers.Status(await app.Function<GetRun>().Run(HttpRequests.Empty("GET"), "no-such-run", default)));
        Assert.Equal(404,
            Answers.Status(await app.Function<CancelRun>().Run(HttpRequests.Empty("POST"), "no-such-run", default)));
        Assert.Equal(404,
            Answers.Status(await app.Function<ListArtifacts>().Run(HttpRequests.Empty("GET"), "no-such-run", default)));
    }

    [Fact]
    public async Task A_run_id_that_is_not_an_identifier_is_400_not_a_blob_path()
    {
        var result = await app.Function<GetRun>().Run(HttpRequests.Empty("GET"), "..", default);

        Assert.Equal(["id"], Answers.InvalidFields(result));
    }

    [Fact]
    public async Task Cancelling_a_queued_run_cancels_it_at_once()
    {
        var answer = Answers.Document(
            await app.Function<CancelRun>().Run(HttpRequests.Empty("POST"), "run-0001", default));

        Assert.Equal("cancelled", answer.GetProperty("state").GetString());
        var status = Answers.Document(await app.Function<GetRun>().Run(HttpRequests.Empty("GET"), "run-0001", default));
        Assert.Equal("cancelled", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("cancelRequested").GetBoolean());
    }

    [Fact]
    public async Task Artifacts_are_listed_with_read_only_links_that_download_exactly_that_file()
    {
        var store = app.Get<RunStore>();
        await store.WriteArtifactAsync("run-0001", "report.json", new MemoryStream("{\"ok\":true}"u8.ToArray()),
            "application/json");

        var list = Answers.Value<ArtifactList>(
            await app.Function<ListArtifacts>().Run(HttpRequests.Empty("GET"), "run-0001", default));

        var artifact = Assert.Single(list.Artifacts);
        Assert.Equal(("report.json", 11L), (artifact.Name, artifact.SizeBytes));
        var link = new BlobClient(artifact.Url!);
        Assert.Equal("{\"ok\":true}", (await link.DownloadContentAsync()).Value.Content.ToString());
        var write = await Assert.ThrowsAsync<RequestFailedException>(
            () => link.UploadAsync(BinaryData.FromString("tampered"), overwrite: true));
        Assert.Equal(403, write.Status);
        Assert.InRange(list.LinksExpireAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task An_artifact_link_does_not_open_the_run_s_other_blobs()
    {
        await app.Get<RunStore>().WriteArtifactAsync("run-0001", "report.json",
            new MemoryStream(Encoding.UTF8.GetBytes("{}")), "application/json");
        var artifact = Assert.Single(
            Answers.Value<ArtifactList>(
                await app.Function<ListArtifacts>().Run(HttpRequests.Empty("GET"), "run-0001", default)).Artifacts);

        var other = new BlobUriBuilder(artifact.Url!) { BlobName = BlobLayout.RunRequest("run-0001") }.ToUri();

        var read = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(other).DownloadContentAsync());
        Assert.Equal(403, read.Status);
    }
}
