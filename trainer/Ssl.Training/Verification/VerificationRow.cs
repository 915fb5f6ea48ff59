namespace Ssl.Training.Verification;

/// <summary>One line of the verification table: a trained method or a control, with its held-out R^2 to the shared
/// and private latents (each the mean over the two views) and the verdict in words.</summary>
public sealed record VerificationRow
{
    public required string Name { get; init; }
    public required bool IsControl { get; init; }
    public required double SharedR2 { get; init; }
    public required double PrivateR2 { get; init; }
    public required TheoremAgreement Agreement { get; init; }
    public required string Verdict { get; init; }
    public string? Reference { get; init; }
    public IReadOnlyDictionary<string, double> HyperParameters { get; init; } = new Dictionary<string, double>();
    public IReadOnlyList<double> EpochLosses { get; init; } = [];
    public double TrainingSeconds { get; init; }
}
