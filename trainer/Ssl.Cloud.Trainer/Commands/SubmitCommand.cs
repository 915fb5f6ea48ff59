using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl submit</c>: writes a run's request and Queued status to blob storage and sends its message
/// (MessageId = run id, so a repeated submit trains once). Same settings as <c>ssl worker</c>.</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset", "-d")
        {
            Description = "Dataset id: builtin, builtin-TRAIN-TEST, fashion-mnist, or an uploaded dataset.",
            Required = true,
        };
        var method = new Option<string>("--method", "-m")
        {
            Description = "SSL method (see 'ssl methods').",
            DefaultValueFactory = _ => "simsiam",
        };
        var encoder = new Option<string>("--encoder", "-e")
        {
            Description = "convnet or resnet18.",
            DefaultValueFactory = _ => "convnet",
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Passes over the training set.",
            DefaultValueFactory = _ => 20,
        };
        var batchSize = new Option<int>("--batch-size", "-b")
        {
            Description = "Images per step.",
            DefaultValueFactory = _ => 256,
        };
        var set = new Option<string[]>("--set")
        {
            Description = $"A run setting ({RequestMapper.Seed}, {RequestMapper.Width}, "
                + $"{RequestMapper.CheckpointEvery}, ...) or method hyper-parameter, key=value (repeatable).",
        };
        var runId = new Option<string?>("--run-id")
        {
            Description = "The run's id (default: method-timestamp-random).",
        };
        var command = new Command("submit", "Queue a training run for 'ssl worker'.")
        {
            dataset, method, encoder, epochs, batchSize, set, runId
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            var request = new TrainingRequest
            {
                RunId = parse.GetValue(runId)
                    ?? $"{parse.GetValue(method)}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-"
                    + $"{Guid.NewGuid().ToString("N")[..4]}",
                DatasetId = parse.GetValue(dataset)!,
                Method = parse.GetValue(method)!,
                Encoder = parse.GetValue(encoder)!,
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                HyperParameters = TrainCommand.ParseSet(parse.GetValue(set) ?? [])
                    .ToDictionary(kv => kv.Key, kv => Json(kv.Value)),
                RequestedAt = DateTimeOffset.UtcNow,
            };
            var validation = RequestMapper.Validator.Validate(request);
            if (!validation.IsValid) throw new ArgumentException(validation.ToString());
            using var host = ClientHost.Build(parse);
            var runs = host.Services.GetRequiredService<RunStore>();
            await runs.EnsureCreatedAsync(ct);
            await runs.CreateAsync(request, ct);
            var client = host.Services.GetRequiredService<ServiceBusClient>();
            await using var sender =
                client.CreateSender(host.Services.GetRequiredService<IOptions<ServiceBusOptions>>().Value.QueueName);
            await new TrainingQueue(sender).SendAsync(request, ct);
            Console.WriteLine(request.RunId);
            return 0;
        }));
        return command;
    }

    /// <summary>A number stays a number; anything else is a string.</summary>
    static JsonElement Json(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonSerializer.SerializeToElement(number)
            : JsonSerializer.SerializeToElement(value);
}
