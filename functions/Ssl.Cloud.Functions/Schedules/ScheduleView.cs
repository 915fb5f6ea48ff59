using Ssl.Cloud.Core.Submission;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>A schedule as the API shows it: its definition, when it was written, and its next three due
/// times.</summary>
public sealed record ScheduleView(string Name, string Cron, string? TimeZone, bool Enabled, bool WarmStart,
    RunSubmission Run, DateTimeOffset UpdatedAt, IReadOnlyList<DateTimeOffset> NextDue, string? Error)
{
    public static ScheduleView From(ScheduleEntry entry, DateTimeOffset now)
    {
        if (entry.Definition is not { } d)
            return new ScheduleView(entry.Name, "", null, false, false, new RunSubmission(), entry.LastWritten, [],
                entry.Error);
        var (cron, zone, errors) = ScheduleCheck.Parse(d.Cron, d.TimeZone);
        var next = cron is not null && zone is not null && d.Enabled ? ScheduleCheck.NextDue(cron, zone, now) : [];
        return new ScheduleView(entry.Name, d.Cron, d.TimeZone, d.Enabled, d.WarmStart, d.Run, entry.LastWritten, next,
            errors.Count > 0 ? string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")) : null);
    }
}
