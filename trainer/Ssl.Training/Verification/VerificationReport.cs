namespace Ssl.Training.Verification;

/// <summary>The result of <c>ssl verify</c>, written as <c>verify.json</c> (this record) and <c>verify.html</c>.</summary>
public sealed record VerificationReport
{
    public int SchemaVersion { get; init; } = 1;
    public required VerificationOptions Options { get; init; }
    public required string Device { get; init; }
    public required int TrainCount { get; init; }
    public required int ProbeFitCount { get; init; }
    public required int ProbeTestCount { get; init; }
    public required IReadOnlyList<VerificationRow> Rows { get; init; }
    public required double Seconds { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }

    public IEnumerable<VerificationRow> Methods => Rows.Where(r => !r.IsControl);
    public IEnumerable<VerificationRow> Controls => Rows.Where(r => r.IsControl);

    public VerificationRow Row(string name) => Rows.First(r => r.Name == name);
}
