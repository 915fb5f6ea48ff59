using System.Text.Json;
using SkiaSharp;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>Runs whose data is not built in: an upload in <c>datasets/{id}/raw/</c>, and runs that fail on their own
/// data.</summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerDatasetTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_on_an_uploaded_image_folder_downloads_it_and_trains_to_Succeeded()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var datasetId = TinyRun.NewRunId("upload");
        var files = await UploadTwoClassesAsync(datasetId, perClass: 40);
        var runId = TinyRun.NewRunId("on-upload");
        var request = TinyRun.Request(runId, epochs: 1, dataset: datasetId);
        request = request with
        {
            BatchSize = 16,
            HyperParameters = new Dictionary<string, JsonElement>(request.HyperParameters)
            {
                [RequestMapper.KnnK] = JsonSerializer.SerializeToElement(5)
            },
        };
        await bed.StartWorkerAsync("w1");

        await bed.SubmitAsync(request);
        await bed.WaitForStateAsync(runId, RunState.Succeeded);

        using var report = new MemoryStream();
        await bed.Runs.DownloadArtifactAsync(runId, BlobLayout.ReportJson, report);
        var dataset = JsonDocument.Parse(report.ToArray()).RootElement.GetProperty("dataset");
        Assert.Equal(files, dataset.GetProperty("trainCount").GetInt32() + dataset.GetProperty("testCount").GetInt32());
        Assert.Equal(["blue", "red"], dataset.GetProperty("classes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task
        A_collapsed_run_is_Failed_with_its_diagnosis_and_failed_report_and_its_message_completed_not_retried()
    {
        await using var bed = await WorkerTestBed.StartAsync(azurite);
        var runId = TinyRun.NewRunId("collapse");
        var request = TinyRun.Request(runId, epochs: 3);
        // No 32-dimensional embedding has an effective rank of 1000: the monitor calls it collapsed after epoch 1.
        request = request with
        {
            HyperParameters = new Dictionary<string, JsonElement>(request.HyperParameters)
            {
                [RequestMapper.CollapseThreshold] = JsonSerializer.SerializeToElement(1000)
            },
        };
        await bed.StartWorkerAsync("w1");

        await bed.SubmitAsync(request);
        var status = await bed.WaitForStateAsync(runId, RunState.Failed);

        Assert.Contains("effective rank", status.FailureReason);
        Assert.Equal(AttemptOutcome.Failed, Assert.Single(status.Attempts).Outcome);
        using var report = new MemoryStream();
        await bed.Runs.DownloadArtifactAsync(runId, BlobLayout.ReportJson, report);
        Assert.Equal("failed", JsonDocument.Parse(report.ToArray()).RootElement.GetProperty("status").GetString());
        await Eventually.TrueAsync(() => bed.Queue.ActiveCount + bed.Queue.LockedCount == 0, TimeSpan.FromSeconds(10),
            "the message to be completed");
        Assert.Equal(0, bed.Queue.DeadLetterCount);
    }

    /// <summary>Red and blue 16x16 PNGs with a little texture, as a user's folder upload, plus its Ready
    /// manifest.</summary>
    async Task<int> UploadTwoClassesAsync(string datasetId, int perClass)
    {
        var store = new DatasetStore(
            azurite.CreateServiceClient().GetBlobContainerClient(BlobLayout.DatasetsContainer));
        await store.EnsureCreatedAsync();
        var files = new List<ManifestFile>();
        foreach (var (label, colour) in new[] { ("red", SKColors.Red), ("blue", SKColors.Blue) })
            for (var i = 0; i < perClass; i++)
            {
                var png = Png(colour, i);
                var path = $"{label}/{i:D3}.png";
                await store.UploadRawFileAsync(datasetId, path, new MemoryStream(png), "image/png");
                files.Add(new ManifestFile
                {
                    Path = path, SizeBytes = png.Length, Format = "png", Width = 16, Height = 16, Label = label
                });
            }
        await store.WriteManifestAsync(DatasetManifest.FromValidation(datasetId, files, [], DateTimeOffset.UtcNow),
            ifMatch: null);
        return files.Count;
    }

    static byte[] Png(SKColor colour, int seed)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(16, 16, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var random = new Random(seed);
        for (var y = 0; y < 16; y++)
        for (var x = 0; x < 16; x++)
            bitmap.SetPixel(x, y, colour.WithAlpha((byte)random.Next(180, 256)));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
