namespace Ssl.Cloud.Trainer.Client;

/// <summary>A schedule as the API shows it, with its next three due times.</summary>
public sealed record ScheduleView
{
    public string? Name { get; init; }
    public required string Cron { get; init; }
    public string? TimeZone { get; init; }
    public bool Enabled { get; init; } = true;
    public bool WarmStart { get; init; }
    public RunSpec? Run { get; init; }
    public IReadOnlyList<DateTimeOffset> NextDue { get; init; } = [];
}
