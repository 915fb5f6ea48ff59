namespace Ssl.Cloud.Core.Contracts;

/// <summary>The latest progress report of a running attempt; <see cref="Heartbeat"/> says how fresh it is.</summary>
public sealed record RunProgress
{
    public required int Epoch { get; init; }
    public required long Step { get; init; }
    public required long TotalSteps { get; init; }

    /// <summary>Training loss at <see cref="Step"/>; may be NaN (written as the string "NaN") when the run
    /// diverges.</summary>
    public double? Loss { get; init; }

    public double? ImagesPerSecond { get; init; }
    public TimeSpan? Eta { get; init; }
    public required DateTimeOffset Heartbeat { get; init; }
}
