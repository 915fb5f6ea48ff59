using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Client;
using Ssl.Cloud.Trainer.Tests.Worker;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Client;

/// <summary>The upload half of <c>ssl datasets upload</c> on real storage: Azurite behind a proxy that counts
/// PUTs.</summary>
public sealed class UploadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    const int FileCount = 24;
    static readonly TransferOptions Fast = new()
    {
        Parallelism = 4, MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(20)
    };

    [Fact]
    public async Task Every_file_lands_with_its_bytes_and_its_Content_MD5()
    {
        using var folder = ClassFolders();
        var (container, proxy, links) = await StartAsync();
        await using var _ = proxy;
        using var http = BlobHttp.Create();
        var files = UploadSource.List(folder.Path);

        var result = await new DatasetUploader(http, links, Fast).UploadAsync(files, Progress(files),
            CancellationToken.None);

        Assert.Equal((FileCount, 0), (result.Uploaded, result.Skipped));
        Assert.Equal(FileCount, proxy.Puts);
        foreach (var file in files)
        {
            var blob = container.GetBlobClient(file.Path);
            var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
            Assert.Equal(await File.ReadAllBytesAsync(file.FullPath), bytes);
            Assert.Equal(MD5.HashData(bytes), (await blob.GetPropertiesAsync()).Value.ContentHash);
        }
    }

    [Fact]
    public async Task An_upload_stopped_half_way_resumes_without_resending_the_files_that_landed()
    {
        using var folder = ClassFolders();
        var (container, proxy, links) = await StartAsync();
        await using var _ = proxy;
        using var http = BlobHttp.Create();
        var files = UploadSource.List(folder.Path);
        using var stop = new CancellationTokenSource();
        proxy.OnPut = n => { if (n == FileCount / 2) stop.Cancel(); };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DatasetUploader(http, links, Fast).UploadAsync(files, Progress(files), stop.Token));
        await Eventually.TrueAsync(() => proxy.Idle, TimeSpan.FromSeconds(30),
            "the proxy to finish the PUTs in flight");
        var landed = await container.GetBlobsAsync().CountAsync();
        var putsBefore = proxy.Puts;
        proxy.OnPut = null;
        var result = await new DatasetUploader(http, links, Fast).UploadAsync(files, Progress(files),
            CancellationToken.None);

        // A PUT the cancelled client had already written to its socket can still reach the proxy after it looked
        // idle, so more files may have landed than were counted: every counted one must be skipped, and each file
        // is either skipped or sent once.
        Assert.InRange(landed, 1, FileCount - 1);
        Assert.InRange(result.Skipped, landed, FileCount - 1);
        Assert.Equal(FileCount, result.Uploaded + result.Skipped);
        Assert.Equal(result.Uploaded, proxy.Puts - putsBefore);
        Assert.Equal(FileCount, await container.GetBlobsAsync().CountAsync());
    }

    [Fact]
    public async Task An_expired_upload_link_is_asked_for_again_and_the_file_still_lands()
    {
        using var folder = ClassFolders(count: 2);
        var (container, proxy, links) = await StartAsync();
        await using var _ = proxy;
        using var http = BlobHttp.Create();
        var files = UploadSource.List(folder.Path);
        proxy.OnPut = n => { if (n == 1) foreach (var link in links.LastIssued) proxy.Expire(link); };

        var result = await new DatasetUploader(http, links, Fast).UploadAsync(files, Progress(files),
            CancellationToken.None);

        Assert.Equal(2, result.Uploaded);
        Assert.True(links.Calls >= 2, $"links were asked for {links.Calls} time(s)");
        Assert.Equal(2, await container.GetBlobsAsync().CountAsync());
    }

    [Fact]
    public async Task A_file_past_the_block_threshold_goes_up_in_blocks_and_lands_whole_with_its_Content_MD5()
    {
        using var folder = new TempFolder();
        var bytes = new byte[(3 << 20) + 12345];
        new Random(7).NextBytes(bytes);
        Directory.CreateDirectory(Path.Combine(folder.Path, "big"));
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "big", "archive.bin"), bytes);
        var (container, proxy, links) = await StartAsync();
        await using var _ = proxy;
        using var http = BlobHttp.Create();
        var files = UploadSource.List(folder.Path);
        var blocks = new TransferOptions
        {
            Parallelism = 1, MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(20),
            BlockUploadThreshold = 1 << 20, BlockBytes = 1 << 20,
        };

        var result = await new DatasetUploader(http, links, blocks).UploadAsync(files, Progress(files),
            CancellationToken.None);

        Assert.Equal((1, 0), (result.Uploaded, result.Skipped));
        Assert.Equal(4 + 1, proxy.Puts); // four blocks of at most 1 MiB, then the block list
        var blob = container.GetBlobClient("big/archive.bin");
        Assert.Equal(bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(MD5.HashData(bytes), (await blob.GetPropertiesAsync()).Value.ContentHash);
    }

    static TransferProgress Progress(IReadOnlyList<LocalFile> files) => new(files.Count, files.Sum(f => f.Length));

    async Task<(BlobContainerClient, BlobProxy, AzuriteLinks)> StartAsync()
    {
        var container = await azurite.CreateContainerAsync("upload");
        var proxy = new BlobProxy(container.Uri);
        return (container, proxy, new AzuriteLinks(container, proxy));
    }

    /// <summary>PNGs in three class folders, each a little different so no two have the same MD5.</summary>
    internal static TempFolder ClassFolders(int count = FileCount)
    {
        var folder = new TempFolder();
        for (var i = 0; i < count; i++)
            TestImages.Write(folder.File($"class{i % 3}", $"{i:D3}.png"),
                TestImages.Encode(16, 16,
                    (x, y) => new SkiaSharp.SKColor((byte)(x * 16), (byte)(y * 16), (byte)(i * 10))));
        return folder;
    }
}
