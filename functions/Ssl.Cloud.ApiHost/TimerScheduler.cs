using Cronos;
using Microsoft.Extensions.Options;

namespace Ssl.Cloud.ApiHost;

/// <summary>Fires every timer Function at its NCRONTAB due times, read from the injected <see cref="TimeProvider"/>.
/// It polls rather than sleeping until the due time, because the test clock may jump; a jump over several due
/// times fires once, past due, as the Functions host does after downtime.</summary>
public sealed class TimerScheduler(FunctionCatalog catalog, TimerRunner runner, TimeProvider time,
    IOptions<ApiHostOptions> options, ILogger<TimerScheduler> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Select(t => LoopAsync(t, stoppingToken)));

    async Task LoopAsync(TimerFunction timer, CancellationToken ct)
    {
        var fields = timer.Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var cron = CronExpression.Parse(timer.Schedule, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        var poll = options.Value.TimerPoll;
        var due = cron.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
        log.LogInformation("Timer {Function} on {Schedule}; next due {Due}", timer.Name, timer.Schedule, due);
        while (!ct.IsCancellationRequested && due is { } next)
        {
            try
            {
                await Task.Delay(poll, TimeProvider.System, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var now = time.GetUtcNow().UtcDateTime;
            if (now < next) continue;
            try
            {
                await runner.RunAsync(timer, pastDue: now - next > 2 * poll, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Timer {Function} failed", timer.Name);
            }
            due = cron.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
        }
    }
}
