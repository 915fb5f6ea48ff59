using System.IO.Compression;
using System.Security.Cryptography;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Trainer.Tests.Worker;
using Ssl.Training.Tests.Data;

namespace Ssl.Cloud.Trainer.Tests.Journeys;

/// <summary>Journey 1 as a user runs it: <c>ssl datasets upload --train --watch</c> on the local stack, then
/// <c>ssl runs download</c>.</summary>
[Collection(JourneyCollection.Name)]
public sealed class UploadJourneyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task
        Uploading_a_folder_of_class_folders_with_train_leads_to_a_Succeeded_run_whose_files_download_intact()
    {
        await using var stack = await CloudStack.StartAsync(azurite);
        using var images = Tiny.ClassFolders();
        using var output = new TempFolder();
        var id = Tiny.Id("pets");

        var upload = await stack.SslAsync(["datasets", "upload", images.Path, "--id", id, "--train", "--watch",
            "--poll-interval", "00:00:00.500", .. Tiny.RunOptions]);
        var runId = Tiny.RunIdIn(upload.Output);
        var download = await stack.SslAsync("runs", "download", runId, "--out", output.Path);

        Assert.True(upload.ExitCode == 0, stack.Explain(upload.Output));
        Assert.Contains($"dataset {id}: ready, 60 accepted in 3 classes, 0 rejected", upload.Output);
        Assert.Contains($"{runId}: succeeded", upload.Output);
        Assert.True(download.ExitCode == 0, stack.Explain(download.Output));
        foreach (var name in new[] { "encoder.safetensors", "report.html" })
            Assert.Equal(await Tiny.BlobMd5Async(stack.Runs, $"{runId}/{name}"),
                MD5.HashData(await File.ReadAllBytesAsync(Path.Combine(output.Path, name))));
    }

    [Fact]
    public async Task Uploading_a_zip_of_class_folders_with_train_leads_to_a_Succeeded_run()
    {
        await using var stack = await CloudStack.StartAsync(azurite);
        using var images = Tiny.ClassFolders();
        using var zipFolder = new TempFolder();
        var zip = Path.Combine(zipFolder.Path, "pets.zip");
        ZipFile.CreateFromDirectory(images.Path, zip);
        var id = Tiny.Id("zip");

        var upload = await stack.SslAsync(["datasets", "upload", zip, "--id", id, "--train", "--watch",
            "--poll-interval", "00:00:00.500", .. Tiny.RunOptions]);

        Assert.True(upload.ExitCode == 0, stack.Explain(upload.Output));
        Assert.Contains($"dataset {id}: ready, 60 accepted in 3 classes, 0 rejected", upload.Output);
        Assert.Contains($"{Tiny.RunIdIn(upload.Output)}: succeeded", upload.Output);
    }

    [Fact]
    public async Task A_client_killed_half_way_through_an_upload_reruns_to_completion_without_resending_finished_files()
    {
        await using var stack = await CloudStack.StartAsync(azurite);
        using var images = Tiny.ClassFolders();
        var id = Tiny.Id("resume");
        string[] args = ["datasets", "upload", images.Path, "--id", id, "--parallel", "2"];
        var first = stack.StartSsl(args);
        stack.Proxy.OnPut = n => { if (n == 30) first.Kill(); };

        await first.WaitForExitAsync(TimeSpan.FromMinutes(5));
        stack.Proxy.OnPut = null;
        await Eventually.TrueAsync(() => stack.Proxy.Idle, TimeSpan.FromSeconds(30), "the PUTs in flight to end");
        var landed = await stack.Datasets.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None,
            Azure.Storage.Blobs.Models.BlobStates.None, $"{id}/raw/", CancellationToken.None).CountAsync();
        var putsBefore = stack.Proxy.Puts;
        var rerun = await stack.SslAsync(args);

        Assert.InRange(landed, 1, 59);
        Assert.True(rerun.ExitCode == 0, stack.Explain(rerun.Output));
        Assert.Equal(60 - landed, stack.Proxy.Puts - putsBefore);
        Assert.Contains($"{landed} already there", rerun.Output);
        Assert.Contains($"dataset {id}: ready, 60 accepted in 3 classes, 0 rejected", rerun.Output);
    }
}
