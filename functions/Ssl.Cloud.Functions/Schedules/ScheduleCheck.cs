using Cronos;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>What makes a schedule usable, checked the same way when it is written (<c>PUT</c>) and when the
/// timer reads it: the name, the cron (five fields, Cronos) and the time zone.</summary>
public static class ScheduleCheck
{
    /// <summary>The run id adds <c>-yyyyMMdd-HHmm</c> (14 characters) to the name and must stay an
    /// identifier.</summary>
    public const int MaxNameLength = 63 - 14;

    public static IEnumerable<FieldError> Name(string name)
    {
        if (!Identifier.IsValid(name) || name.Length > MaxNameLength)
            yield return new FieldError("name",
                $"'{name}' must be 3 to {MaxNameLength} characters of a-z, 0-9 and '-'");
    }

    /// <returns>The parsed cron and zone, or the errors naming <c>cron</c> and <c>timeZone</c>.</returns>
    public static (CronExpression? Cron, TimeZoneInfo? Zone, List<FieldError> Errors) Parse(
        string? cron, string? timeZone)
    {
        var errors = new List<FieldError>();
        CronExpression? expression = null;
        TimeZoneInfo? zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(cron))
            errors.Add(new FieldError("cron", "is required: five fields, minute hour day-of-month month day-of-week"));
        else
            try
            {
                expression = CronExpression.Parse(cron, CronFormat.Standard);
            }
            catch (CronFormatException e)
            {
                errors.Add(new FieldError("cron",
                    $"'{cron}' is not a five-field cron (minute hour day-of-month month day-of-week): {e.Message}"));
            }
        if (timeZone is not null)
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                zone = null;
                errors.Add(new FieldError("timeZone", $"'{timeZone}' is not a known IANA or Windows time zone"));
            }
        return (expression, zone, errors);
    }

    /// <summary>The next <paramref name="count"/> due times after <paramref name="from"/>, in UTC.</summary>
    public static IReadOnlyList<DateTimeOffset> NextDue(
        CronExpression cron, TimeZoneInfo zone, DateTimeOffset from, int count = 3)
    {
        var due = new List<DateTimeOffset>(count);
        var at = from;
        while (due.Count < count && cron.GetNextOccurrence(at, zone) is { } next)
        {
            due.Add(next.ToUniversalTime());
            at = next;
        }
        return due;
    }
}
