namespace Ssl.Cloud.Functions.Schedules;

/// <summary>A schedule blob as listed: <see cref="Definition"/> when it reads, else <see cref="Error"/>.</summary>
public sealed record ScheduleEntry(
    string Name, DateTimeOffset LastWritten, ScheduleDefinition? Definition, string? Error);
