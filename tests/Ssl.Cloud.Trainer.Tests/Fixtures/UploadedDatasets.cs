using Azure.Core;
using Azure.Core.Pipeline;
using SkiaSharp;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Resilience;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Tests.Worker;

namespace Ssl.Cloud.Trainer.Tests;

/// <summary>Datasets as the API leaves them after a commit: raw files in <c>datasets/{id}/raw/</c> and a Ready
/// manifest.</summary>
static class UploadedDatasets
{
    /// <summary><paramref name="count"/> distinct 16x16 PNGs in two classes and their Ready manifest, plus one file
    /// uploaded after validation (<c>late/never.png</c>) that the manifest does not list. The store's client sends
    /// every request through <paramref name="policy"/> when one is given.</summary>
    public static async Task<(DatasetStore Store, string DatasetId)> UploadAsync(AzuriteFixture azurite, int count,
        HttpPipelinePolicy? policy = null)
    {
        var clientOptions = StorageResilience.CreateBlobClientOptions();
        if (policy is not null) clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var store = new DatasetStore(
            azurite.CreateServiceClient(clientOptions).GetBlobContainerClient(BlobLayout.DatasetsContainer));
        await store.EnsureCreatedAsync();
        var datasetId = TinyRun.NewRunId("pack");
        var files = new ManifestFile[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var label = i % 2 == 0 ? "red" : "blue";
            var png = Png(label == "red" ? SKColors.Red : SKColors.Blue, i);
            var path = $"{label}/{i:D5}.png";
            await store.UploadRawFileAsync(datasetId, path, new MemoryStream(png), "image/png", ct);
            files[i] = new ManifestFile
            {
                Path = path, SizeBytes = png.Length, Format = "png", Width = 16, Height = 16, Label = label
            };
        });
        await store.UploadRawFileAsync(datasetId, "late/never.png", new MemoryStream(Png(SKColors.Green, -1)),
            "image/png");
        await store.WriteManifestAsync(DatasetManifest.FromValidation(datasetId, files, [], DateTimeOffset.UtcNow),
            ifMatch: null);
        return (store, datasetId);
    }

    /// <summary>A noisy 16x16 PNG, distinct per seed (the packer drops duplicates).</summary>
    static byte[] Png(SKColor colour, int seed)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(16, 16, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var random = new Random(seed);
        for (var y = 0; y < 16; y++)
        for (var x = 0; x < 16; x++)
            bitmap.SetPixel(x, y,
                new SKColor((byte)(colour.Red ^ random.Next(64)), (byte)(colour.Green ^ random.Next(64)),
                    (byte)(colour.Blue ^ random.Next(64))));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
