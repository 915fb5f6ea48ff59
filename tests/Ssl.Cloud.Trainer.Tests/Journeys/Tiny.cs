using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Journeys;

/// <summary>What a journey trains: 60 PNGs in three class folders, and run options that train them in
/// seconds.</summary>
static class Tiny
{
    /// <summary>The run options, spelt as on every verb.</summary>
    public static readonly string[] RunOptions =
    [
        "--method", "simclr", "--epochs", "2", "--batch-size", "16", "--width", "8", "--set", "projector-dim=16",
        "--checkpoint-every", "1", "--eval-every", "0", "--knn-k", "5", "--seed", "7",
    ];

    public static TempFolder ClassFolders(int count = 60)
    {
        var folder = new TempFolder();
        for (var i = 0; i < count; i++)
        {
            var c = i % 3;
            TestImages.Write(folder.File($"class{c}", $"{i:D3}.png"), TestImages.Encode(16, 16, (x, y) =>
                new SkiaSharp.SKColor((byte)(c == 0 ? 200 : x * 12), (byte)(c == 1 ? 200 : y * 12),
                    (byte)(c == 2 ? 200 : i * 4))));
        }
        return folder;
    }

    public static string Id(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 13)];

    /// <summary>The run id the client printed (<c>run ID</c>).</summary>
    public static string RunIdIn(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("run ", StringComparison.Ordinal))
            .Select(l => l[4..].Trim()).FirstOrDefault()
                ?? throw new Xunit.Sdk.XunitException($"no 'run ID' line in:\n{output}");

    public static async Task<byte[]> BlobMd5Async(BlobContainerClient container, string name) =>
        MD5.HashData((await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray());
}
