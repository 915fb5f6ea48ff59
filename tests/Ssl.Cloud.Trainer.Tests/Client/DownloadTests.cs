using Azure.Storage.Blobs;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Client;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Client;

/// <summary>The download half of <c>ssl runs download</c> on real storage, through a proxy that truncates bodies and
/// expires links on the test's say.</summary>
public sealed class DownloadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    static readonly TransferOptions Fast = new()
    {
        Parallelism = 2, MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(20)
    };
    static readonly string[] Names = ["encoder.safetensors", "report.html", "checkpoints/epoch-0001.ckpt"];

    [Fact]
    public async Task A_truncated_download_is_detected_and_retried_and_the_file_matches_the_blob()
    {
        var (container, proxy, links) = await StartAsync();
        await using var _ = proxy;
        using var folder = new TempFolder();
        proxy.TruncateNextGets(2);

        var result = await DownloadAsync(links, folder.Path, Fast);

        Assert.Equal(2, proxy.Truncated);
        await AssertSameAsBlobsAsync(container, folder.Path);
        Assert.Equal(Names.Length, result.Files.Count);
    }

    [Fact]
    public async Task Expired_links_are_asked_for_again_instead_of_failing()
    {
        var (container, proxy, links) = await StartAsync();
        await using var _ = proxy;
        using var folder = new TempFolder();
        using var http = BlobHttp.Create();
        var downloader = new ArtifactDownloader(http, links, Fast);
        var artifacts = await downloader.ListAsync(CancellationToken.None);
        foreach (var link in links.LastIssued) proxy.Expire(link);

        await downloader.DownloadAsync(artifacts, folder.Path, Progress(artifacts), CancellationToken.None);

        Assert.Equal(2, links.Calls);
        await AssertSameAsBlobsAsync(container, folder.Path);
    }

    [Fact]
    public async Task A_download_that_stays_truncated_fails_naming_the_file_and_leaves_nothing_under_its_name()
    {
        var (_, proxy, links) = await StartAsync();
        await using var __ = proxy;
        using var folder = new TempFolder();
        proxy.TruncateNextGets(1000);

        var e = await Assert.ThrowsAsync<TransferRetryException>(
            () => DownloadAsync(links, folder.Path,
                new TransferOptions { Parallelism = 1, MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(20) }));

        Assert.Contains("truncated", e.Message);
        Assert.Contains(Names.Order(StringComparer.Ordinal).First(), e.Message);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_second_download_keeps_the_intact_files_and_fetches_nothing()
    {
        var (container, proxy, links) = await StartAsync();
        await using var _ = proxy;
        using var folder = new TempFolder();
        await DownloadAsync(links, folder.Path, Fast);
        proxy.TruncateNextGets(1000);

        var again = await DownloadAsync(links, folder.Path, Fast);

        Assert.Equal((Names.Length, 0L), (again.Skipped, again.BytesFetched));
        await AssertSameAsBlobsAsync(container, folder.Path);
    }

    [Theory]
    [InlineData("../escape.bin")]
    [InlineData("/etc/passwd")]
    [InlineData("checkpoints/../../escape.bin")]
    public void An_artifact_name_that_leaves_the_folder_is_refused(string name)
    {
        var e = Assert.Throws<InvalidDataException>(() => ArtifactDownloader.TargetPath("/tmp/out", name));
        Assert.Contains(name, e.Message);
    }

    static TransferProgress Progress(IReadOnlyList<ArtifactLink> artifacts) =>
        new(artifacts.Count, artifacts.Sum(a => a.SizeBytes));

    static async Task<DownloadResult> DownloadAsync(AzuriteLinks links, string folder, TransferOptions options)
    {
        using var http = BlobHttp.Create();
        var downloader = new ArtifactDownloader(http, links, options);
        var artifacts = await downloader.ListAsync(CancellationToken.None);
        return await downloader.DownloadAsync(artifacts, folder, Progress(artifacts), CancellationToken.None);
    }

    static async Task AssertSameAsBlobsAsync(BlobContainerClient container, string folder)
    {
        foreach (var name in Names)
            Assert.Equal((await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray(),
                await File.ReadAllBytesAsync(Path.Combine(folder, name)));
        Assert.Equal(Names.Length, Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count());
    }

    async Task<(BlobContainerClient, BlobProxy, AzuriteLinks)> StartAsync()
    {
        var container = await azurite.CreateContainerAsync("download");
        var random = new Random(1);
        foreach (var name in Names)
        {
            var bytes = new byte[100_000 + random.Next(50_000)];
            random.NextBytes(bytes);
            await container.GetBlobClient(name).UploadAsync(new BinaryData(bytes));
        }
        var proxy = new BlobProxy(container.Uri);
        return (container, proxy, new AzuriteLinks(container, proxy));
    }
}
