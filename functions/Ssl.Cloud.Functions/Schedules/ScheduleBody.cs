using Ssl.Cloud.Core.Submission;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>The body of <c>PUT /api/schedules/{name}</c>; every member optional here so that one answer lists
/// every problem.</summary>
public sealed record ScheduleBody
{
    public string? Cron { get; init; }
    public string? TimeZone { get; init; }
    public bool? Enabled { get; init; }
    public bool? WarmStart { get; init; }
    public RunSubmission? Run { get; init; }
}
