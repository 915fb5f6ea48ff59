using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Trainer.Client;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl datasets upload|list|show</c> over the HTTP API.</summary>
public static class DatasetsCommand
{
    public static Command Create()
    {
        var command = new Command("datasets",
            "Upload image datasets to the cloud pipeline and see what validation made of them.");
        command.Subcommands.Add(DatasetUploadCommand.Create());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        return command;
    }

    static Command List()
    {
        var api = new ApiConnection();
        var command = new Command("list", "List the datasets.");
        api.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var client = api.Connect(parse);
            string? continuation = null;
            do
            {
                var page = await client.GetAsync<DatasetList>(
                    "api/datasets" +
                        (continuation is null ? "" : $"?continuation={Uri.EscapeDataString(continuation)}"), ct);
                foreach (var d in page.Datasets)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{d.DatasetId,-40} {d.Status,-11} {d.Files,8} files  {d.UpdatedAt:u}"));
                continuation = page.Continuation;
            }
            while (continuation is not null);
            return 0;
        }));
        return command;
    }

    static Command Show()
    {
        var api = new ApiConnection();
        var id = new Argument<string>("id") { Description = "The dataset's id." };
        var json = new Option<bool>("--json") { Description = "Print the summary as the API sends it." };
        var command = new Command("show", "Show a dataset's status, classes and rejected files.") { id, json };
        api.AddTo(command);
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var client = api.Connect(parse);
            var body = await client.GetAsync<JsonElement>(
                $"api/datasets/{Identifier.Require(parse.GetValue(id), "id")}", ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(body, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            foreach (var line in DatasetSummaryText.Lines(body.Deserialize<DatasetSummary>(ApiClient.Json)!))
                Console.WriteLine(line);
            return 0;
        }));
        return command;
    }
}
