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

    /// <summary><paramref name="count"/> distinct PNGs in two class folders inside one uploaded archive,
    /// <c>raw/pets.zip</c>, with an entry the manifest rejected (<c>notes.txt</c>), plus one loose file
    /// <c>red/00000.png</c> whose path is also an entry's, and their Ready manifest as commit writes it (entries named
    /// <c>pets.zip/red/00000.png</c>).</summary>
    public static async Task<(DatasetStore Store, string DatasetId)> UploadZipAsync(AzuriteFixture azurite,
        int count, HttpPipelinePolicy? policy = null)
    {
        var clientOptions = StorageResilience.CreateBlobClientOptions();
        if (policy is not null) clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var store = new DatasetStore(azurite.CreateServiceClient(clientOptions)
            .GetBlobContainerClient(BlobLayout.DatasetsContainer));
        await store.EnsureCreatedAsync();
        var datasetId = TinyRun.NewRunId("zip");
        var files = new List<ManifestFile>();
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create,
            leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                var label = i % 2 == 0 ? "red" : "blue";
                var png = Png(label == "red" ? SKColors.Red : SKColors.Blue, i);
                await using (var entry = archive.CreateEntry($"{label}/{i:D5}.png").Open()) entry.Write(png);
                files.Add(new ManifestFile
                {
                    Path = $"pets.zip/{label}/{i:D5}.png", SizeBytes = png.Length, Format = "png", Width = 16,
                    Height = 16, Label = label,
                });
            }
            await using (var notes = archive.CreateEntry("notes.txt").Open()) notes.Write("not an image"u8);
        }
        zip.Position = 0;
        await store.UploadRawFileAsync(datasetId, "pets.zip", zip, "application/zip");
        var loose = Png(SKColors.Red, 100_000);
        await store.UploadRawFileAsync(datasetId, "red/00000.png", new MemoryStream(loose), "image/png");
        files.Add(new ManifestFile
        {
            Path = "red/00000.png", SizeBytes = loose.Length, Format = "png", Width = 16, Height = 16, Label = "red",
        });
        await store.WriteManifestAsync(DatasetManifest.FromValidation(datasetId, files,
            [new RejectedFile("pets.zip/notes.txt", "not an image")], DateTimeOffset.UtcNow), ifMatch: null);
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
