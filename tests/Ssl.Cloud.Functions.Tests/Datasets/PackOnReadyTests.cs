using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Tests.Support;
using Ssl.Imaging.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Datasets;

/// <summary>Issue 13, item 1: a dataset that becomes Ready is sent to the pack queue, once, when the app has one;
/// without one nothing is sent (the first run packs it).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PackOnReadyTests(AzuriteFixture azurite)
{
    static readonly Dictionary<string, string?> WithPackQueue = new()
    {
        ["Pipeline:PackQueueName"] = PackQueue.DefaultQueueName,
    };

    [Fact]
    public async Task A_committed_dataset_that_becomes_ready_is_sent_to_the_pack_queue_once()
    {
        await using var api = await ApiServer.StartAsync(azurite, WithPackQueue);

        await CommitAsync(api, "packed-pets");
        await api.PostAsync("/api/datasets/packed-pets/commit", null); // a second commit sends nothing new
        await api.Get<PackQueue>().SendAsync("packed-pets", PackRequest.TrainingResolution); // nor does a resend

        var message = Assert.Single(api.PackQueue.Messages());
        Assert.Equal($"pack-packed-pets-{PackRequest.TrainingResolution}", message.MessageId);
        Assert.Equal(1, api.PackQueue.DroppedDuplicateCount);
    }

    [Fact]
    public async Task Without_a_pack_queue_a_ready_dataset_is_sent_nowhere()
    {
        await using var api = await ApiServer.StartAsync(azurite);

        await CommitAsync(api, "unpacked-pets");

        Assert.Empty(api.PackQueue.Messages());
        Assert.Null(api.Services.GetService(typeof(PackQueue)));
    }

    [Fact]
    public async Task A_dataset_rejected_at_commit_is_not_sent_to_the_pack_queue()
    {
        await using var api = await ApiServer.StartAsync(azurite, WithPackQueue);

        await CommitAsync(api, "not-images", "cat/1.png", "not a png"u8.ToArray(), "rejected");

        Assert.Empty(api.PackQueue.Messages());
    }

    static async Task CommitAsync(ApiServer api, string datasetId, string path = "cat/1.png", byte[]? bytes = null,
        string status = "ready")
    {
        bytes ??= ImageBytes.Png(8, 8);
        Assert.Equal(201, (await api.PostAsync("/api/datasets", new { datasetId })).Status);
        var links = await api.PostAsync($"/api/datasets/{datasetId}/upload-links",
            new { files = new[] { new { path, length = bytes.LongLength } } });
        await ApiServer.UploadAsync(links.Body.GetProperty("links")[0].GetProperty("url").GetString()!, bytes);
        Assert.Equal(202, (await api.PostAsync($"/api/datasets/{datasetId}/commit", null)).Status);
        var summary = (await api.GetAsync($"/api/datasets/{datasetId}")).Body;
        Assert.Equal(status, summary.GetProperty("status").GetString());
    }
}
