namespace Ssl.Training.Verification;

/// <summary>How a representation's R^2 compare with what Theorem 1 of Lyu et al. (ICLR 2022) predicts for the
/// shared features of a trained method: z recovered, c(q) excluded.</summary>
public enum TheoremAgreement
{
    /// <summary>R^2(z) at or above the shared bound and R^2(c) at or below the private bound.</summary>
    Agrees,

    /// <summary>z is recovered but the features still carry the private components.</summary>
    PrivateLeaks,

    /// <summary>z is not recovered.</summary>
    SharedNotRecovered,

    /// <summary>Training did not finish (the loss diverged), so there is nothing to compare.</summary>
    Diverged,

    /// <summary>A control (random encoder, raw input): the theorem says nothing about it.</summary>
    NotApplicable,
}
