using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl worker</c>: trains the runs queued in Service Bus until stopped (SIGTERM: checkpoint, give the
/// message back, exit 0). <c>--dead-letters</c> instead marks the runs of dead-lettered messages Failed and exits.
/// Settings come from configuration: environment (<c>Storage__ConnectionString</c>, <c>ServiceBus__ConnectionString</c>,
/// <c>Worker__GracePeriod</c>, ...) or extra arguments (<c>--Worker:GracePeriod 00:00:20</c>).</summary>
public static class WorkerCommand
{
    public const string Name = "worker";

    public static Command Create()
    {
        var deadLetters = new Option<bool>("--dead-letters") { Description = "Handle the dead-letter queue (mark each run Failed with its history) until it is empty, then exit." };
        var queue = new Option<string>("--queue") { Description = "training: train queued runs; pack: pack committed datasets (a CPU job on its own queue).", DefaultValueFactory = _ => WorkerOptions.TrainingQueue };
        queue.AcceptOnlyFromAmong(WorkerOptions.TrainingQueue, WorkerOptions.PackQueue);
        var command = new Command(Name, "Train queued runs from Service Bus, one at a time, checkpointing to blob storage.")
        {
            deadLetters, queue,
        };
        // Unmatched tokens are configuration (--Section:Key value), read by the host's command-line provider.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            using var host = ClientHost.Build(parse,
                $"--{WorkerOptions.Section}:{nameof(WorkerOptions.Queue)}", parse.GetValue(queue)!);
            if (parse.GetValue(deadLetters))
            {
                var handled = await host.Services.GetRequiredService<DeadLetterHandler>().DrainAsync(ct);
                Console.WriteLine($"{handled} dead-lettered message(s) handled.");
                return 0;
            }
            var worker = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single();
            // The host's console lifetime turns SIGTERM into a stop that waits up to the grace period.
            await host.StartAsync(CancellationToken.None);
            await host.WaitForShutdownAsync(CancellationToken.None);
            return worker.ExecuteTask is { IsFaulted: true } ? CommandErrors.Failed : 0;
        }));
        return command;
    }
}
