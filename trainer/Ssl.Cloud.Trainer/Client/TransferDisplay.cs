using Spectre.Console;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>A progress bar over a <see cref="TransferProgress"/>: files, MB done of total, MB/s and ETA.</summary>
public static class TransferDisplay
{
    static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);

    public static async Task<T> RunAsync<T>(string verb, TransferProgress progress, Func<Task<T>> work)
    {
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(verb, progress), maxValue: Math.Max(1, progress.TotalBytes));
                var running = work();
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(Refresh));
                    task.Value = progress.DoneBytes;
                    task.Description = Describe(verb, progress);
                }
                task.Value = progress.DoneBytes;
                task.Description = Describe(verb, progress);
                return await running;
            });
    }

    static string Describe(string verb, TransferProgress p) => $"{verb} {p.DoneFiles}/{p.TotalFiles} files";
}
