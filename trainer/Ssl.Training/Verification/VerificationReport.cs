using System.Text.Json.Serialization;

namespace Ssl.Training.Verification;

/// <summary>The result of <c>ssl verify</c>, written as <c>verify.json</c> (this record) and
/// <c>verify.html</c>.</summary>
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

    [JsonIgnore]
    public IEnumerable<VerificationRow> Methods => Rows.Where(r => !r.IsControl);
    [JsonIgnore]
    public IEnumerable<VerificationRow> Controls => Rows.Where(r => r.IsControl);

    public VerificationRow Row(string name) => Rows.First(r => r.Name == name);

    /// <summary>One sentence: how many methods agree with Theorem 1, and which do not.</summary>
    public string Summary()
    {
        var methods = Methods.ToList();
        var agree = methods.Count(m => m.Agreement == TheoremAgreement.Agrees);
        var others = methods.Where(m => m.Agreement != TheoremAgreement.Agrees).Select(m => m.Name).ToList();
        return $"{agree} of {methods.Count} methods agree with Theorem 1" +
            (others.Count == 0 ? "." : $"; not: {string.Join(", ", others)}.");
    }
}
