using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl worker</c>: marks the runs of dead-lettered messages Failed, then trains the runs queued in Service
/// Bus until stopped (SIGTERM or <c>Worker:Deadline</c>: checkpoint, give the message back, exit 0). <c>--once</c>
/// handles one message, or none within <c>Worker:ReceiveWait</c>, and exits 0: the mode of a Container Apps Job
/// execution. <c>--dead-letters</c> only sweeps the dead-letter queue and exits. Settings come from configuration:
/// environment (<c>Storage__ConnectionString</c>, <c>ServiceBus__ConnectionString</c>, <c>Worker__Deadline</c>, ...)
/// or extra arguments (<c>--Worker:GracePeriod 00:00:20</c>).</summary>
public static class WorkerCommand
{
    public const string Name = "worker";
    public const string OnceOption = "--once";

    public static Command Create()
    {
        var once = new Option<bool>(OnceOption)
        {
            Description = "Handle one message (or none within Worker:ReceiveWait), settle it and exit 0: "
                + "one Container Apps Job execution. Same as Worker:Once=true.",
        };
        var deadLetters = new Option<bool>("--dead-letters")
        {
            Description = "Only mark the runs of dead-lettered messages Failed (every worker start does this too), "
                + "then exit.",
        };
        var queue = new Option<string>("--queue")
        {
            Description = "training: train queued runs; pack: pack committed datasets (a CPU job on its own queue).",
            DefaultValueFactory = _ => WorkerOptions.TrainingQueue,
        };
        queue.AcceptOnlyFromAmong(WorkerOptions.TrainingQueue, WorkerOptions.PackQueue);
        var command = new Command(Name,
            "Train queued runs from Service Bus, one at a time, checkpointing to blob storage.")
        {
            once,
            deadLetters,
            queue,
        };
        // Unmatched tokens are configuration (--Section:Key value), read by the host's command-line provider.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            string[] settings = [$"--{WorkerOptions.Section}:{nameof(WorkerOptions.Queue)}", parse.GetValue(queue)!];
            if (parse.GetValue(once))
                settings = [.. settings, $"--{WorkerOptions.Section}:{nameof(WorkerOptions.Once)}", "true"];
            using var host = ClientHost.Build(parse, settings);
            if (parse.GetValue(deadLetters))
            {
                var handled = await host.Services.GetRequiredService<DeadLetterHandler>().DrainAsync(ct);
                Console.WriteLine($"{handled} dead-lettered message(s) handled.");
                return 0;
            }
            var worker = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single();
            // The host's console lifetime turns SIGTERM into a stop that waits up to the grace period; with --once
            // (or at the deadline) the worker stops the host itself.
            await host.StartAsync(CancellationToken.None);
            await host.WaitForShutdownAsync(CancellationToken.None);
            return worker.ExecuteTask is { IsFaulted: true } ? CommandErrors.Failed : 0;
        }));
        return command;
    }
}
