namespace Ssl.Cloud.Trainer.Client;

/// <summary>The body of <c>PUT /api/schedules/{name}</c>.</summary>
public sealed record ScheduleSpec(string Cron, string? TimeZone, bool Enabled, bool WarmStart, RunSpec Run);
