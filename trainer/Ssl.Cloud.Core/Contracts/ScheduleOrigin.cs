namespace Ssl.Cloud.Core.Contracts;

/// <summary>The schedule (<c>schedules/{Schedule}.json</c>) whose firing at <paramref name="DueTime"/> submitted a
/// run.</summary>
public sealed record ScheduleOrigin(string Schedule, DateTimeOffset DueTime);
