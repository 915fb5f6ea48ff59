namespace Ssl.Training.Reports;

/// <summary>Why a run stopped early.</summary>
public enum FailureKind
{
    /// <summary>The loss became NaN or infinite.</summary>
    Diverged,
    /// <summary>The collapse monitor found every image mapped to nearly the same vector.</summary>
    Collapsed,
}
