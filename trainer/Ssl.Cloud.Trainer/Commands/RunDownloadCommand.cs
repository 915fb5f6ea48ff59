using System.CommandLine;
using System.Globalization;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Trainer.Client;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl runs download RUN</c>: every artifact of a run, or one kind, into a folder; each checked against
/// its length and MD5 and written atomically.</summary>
public static class RunDownloadCommand
{
    public static Command Create()
    {
        var api = new ApiConnection();
        var transfer = new TransferOptionSet();
        var runId = RunsCommand.RunIdArgument();
        var only = new Option<string?>("--only") { Description = "Only the encoder, the report or the checkpoints." };
        only.AcceptOnlyFromAmong("encoder", "report", "checkpoints");
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write into (default: ./RUN-ID)." };
        var command = new Command("download",
            "Download a run's encoder, report and checkpoints straight from blob storage.")
        {
            runId, only, output,
        };
        api.AddTo(command);
        transfer.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            var id = Identifier.Require(parse.GetValue(runId), "run-id");
            var folder = parse.GetValue(output) ?? id;
            using var client = api.Connect(parse);
            using var blobs = BlobHttp.Create();
            var downloader = new ArtifactDownloader(blobs, new ApiArtifactLinks(client, id, parse.GetValue(only)),
                transfer.Get(parse));
            var artifacts = await downloader.ListAsync(ct);
            if (artifacts.Count == 0)
                throw new FileNotFoundException(
                    $"run '{id}' has no artifacts{(parse.GetValue(only) is { } o ? $" of kind {o}" : "")} yet.");
            var progress = new TransferProgress(artifacts.Count, artifacts.Sum(a => a.SizeBytes));
            var result = await TransferDisplay.RunAsync("downloading", progress,
                () => downloader.DownloadAsync(artifacts, folder, progress, ct));
            foreach (var file in result.Files) Console.WriteLine(file);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"downloaded {result.Files.Count - result.Skipped} files ({result.BytesFetched / 1e6:F1} MB) in "
                + $"{result.Elapsed.TotalSeconds:F1} s; {result.Skipped} already here"));
            return 0;
        }));
        return command;
    }
}
