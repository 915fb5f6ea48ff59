namespace Ssl.Cloud.Trainer.Client;

/// <summary>The answer to <c>GET /api/schedules</c>.</summary>
public sealed record ScheduleList(IReadOnlyList<ScheduleView> Schedules);
