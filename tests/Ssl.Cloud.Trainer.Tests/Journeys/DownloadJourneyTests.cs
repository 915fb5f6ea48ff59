using System.Security.Cryptography;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Journeys;

/// <summary>Journey 3: <c>ssl runs submit --watch</c>, then <c>ssl runs download</c> while storage expires a link and
/// cuts a body short.</summary>
[Collection(JourneyCollection.Name)]
public sealed class DownloadJourneyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task
        A_download_asks_again_for_an_expired_link_and_retries_a_truncated_file_and_writes_every_artifact_intact()
    {
        await using var stack = await CloudStack.StartAsync(azurite);
        using var output = new TempFolder();
        var runId = Tiny.Id("download");
        var dataset = await stack.UploadTinyAsync("download");
        var submit = await stack.SslAsync(["runs", "submit", "--dataset", dataset, "--run-id", runId, "--watch",
            "--poll-interval", "00:00:00.500", .. Tiny.RunOptions]);
        Assert.True(submit.ExitCode == 0, stack.Explain(submit.Output));
        stack.Proxy.ExpireNextGets(1);
        stack.Proxy.TruncateNextGets(1);

        var download = await stack.SslAsync("runs", "download", runId, "--out", output.Path, "--parallel", "1");

        Assert.True(download.ExitCode == 0, stack.Explain(download.Output));
        Assert.True(stack.Proxy.ExpiredAnswers >= 1, "no link was expired");
        Assert.Equal(1, stack.Proxy.Truncated);
        var names = new List<string>();
        await foreach (var blob in stack.Runs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None,
                           Azure.Storage.Blobs.Models.BlobStates.None, $"{runId}/", CancellationToken.None))
            names.Add(blob.Name[(runId.Length + 1)..]);
        Assert.Contains("encoder.safetensors", names);
        Assert.Contains("report.html", names);
        foreach (var name in names.Where(n => n is not ("status.json" or "request.json")))
            Assert.Equal(await Tiny.BlobMd5Async(stack.Runs, $"{runId}/{name}"),
                MD5.HashData(await File.ReadAllBytesAsync(Path.Combine(output.Path, name))));
    }
}
