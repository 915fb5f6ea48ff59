using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Trainer.Client;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl datasets upload FOLDER|ZIP</c>: create (or resume) the dataset, upload what is not there yet,
/// commit, print the manifest summary; with <c>--train</c> the commit submits a run, whose id is printed.</summary>
public static class DatasetUploadCommand
{
    public static Command Create()
    {
        var api = new ApiConnection();
        var transfer = new TransferOptionSet();
        var run = new RunOptionSet(remote: true);
        var path = new Argument<string>("path")
        {
            Description = "A folder of images (one sub-folder per class) or a zip archive of one."
        };
        var id = new Option<string?>("--id")
        {
            Description = "Dataset id, [a-z0-9-]{3,63} (default: from the folder's name, so a rerun resumes)."
        };
        var train = new Option<bool>("--train")
        {
            Description = "Train on it once it is validated, with the run options given."
        };
        var watch = new Option<bool>("--watch") { Description = "With --train: follow the run until it ends." };
        var command = new Command("upload",
            "Upload a dataset straight to blob storage (resumable), commit it, and optionally train on it.")
        {
            path, id, train, watch,
        };
        api.AddTo(command);
        transfer.AddTo(command);
        run.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            var source = parse.GetValue(path)!;
            if (!parse.GetValue(train) && run.AnyGiven(parse))
                throw new ArgumentException(
                    "--train: run options were given without --train; add --train to train on commit.");
            if (parse.GetValue(watch) && !parse.GetValue(train))
                throw new ArgumentException("--watch: follows the run that --train starts; add --train.");
            var datasetId = parse.GetValue(id) is { } given
                ? Identifier.Require(given, "--id")
                : UploadSource.DefaultId(source) ?? throw new ArgumentException(
                    $"--id: '{source}' gives no valid dataset id; pass --id, [a-z0-9-]{{3,63}}.");
            var files = UploadSource.List(source);
            var spec = parse.GetValue(train) ? run.ToRunSpec(parse, null) : null;
            using var client = api.Connect(parse);
            await client.PostAsync<DatasetCreated>("api/datasets", new { datasetId, train = spec }, ct);

            var progress = new TransferProgress(files.Count, files.Sum(f => f.Length));
            using var blobs = BlobHttp.Create();
            var uploader = new DatasetUploader(blobs, new ApiUploadLinks(client, datasetId), transfer.Get(parse));
            var result = await TransferDisplay.RunAsync("uploading", progress,
                () => uploader.UploadAsync(files, progress, ct));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"uploaded {result.Uploaded} files ({result.BytesSent / 1e6:F1} MB) "
                + $"in {result.Elapsed.TotalSeconds:F1} s "
                + $"({result.BytesSent / 1e6 / Math.Max(0.001, result.Elapsed.TotalSeconds):F1} MB/s); "
                + $"{result.Skipped} already there"));

            await client.PostAsync<JsonElement>($"api/datasets/{datasetId}/commit", new { }, ct);
            var interval = parse.GetValue(api.Interval);
            var summary = await SettleAsync(client, datasetId, spec is not null, interval, ct);
            foreach (var line in DatasetSummaryText.Lines(summary)) Console.WriteLine(line);
            if (!summary.Status.Equals("ready", StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException(
                    $"dataset '{datasetId}' was rejected: {summary.StatusReason ?? "no usable image"}.");
            if (summary.RunId is not { } runId || !parse.GetValue(watch)) return 0;
            return RunsCommand.ExitCode(await new RunWatcher(client, interval).WatchAsync(runId, ct));
        }));
        return command;
    }

    /// <summary>Polls the manifest until validation is over (and, when training was asked for, the run is
    /// named).</summary>
    static async Task<DatasetSummary> SettleAsync(ApiClient client, string datasetId, bool expectRun, TimeSpan interval,
        CancellationToken ct)
    {
        while (true)
        {
            var summary = await client.GetAsync<DatasetSummary>($"api/datasets/{datasetId}", ct);
            var ready = summary.Status.Equals("ready", StringComparison.OrdinalIgnoreCase);
            if (summary.IsSettled && (!ready || !expectRun || summary.RunId is not null)) return summary;
            await Task.Delay(interval, ct);
        }
    }
}
