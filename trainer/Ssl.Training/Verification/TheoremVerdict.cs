using System.Globalization;

namespace Ssl.Training.Verification;

/// <summary>Compares held-out R^2 with Theorem 1 (Lyu et al., ICLR 2022): the shared features of a trained method
/// recover z up to an invertible function (high R^2(z)) and exclude the private c(q) (low R^2(c)).</summary>
public static class TheoremVerdict
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static (TheoremAgreement Agreement, string Words) Judge(double sharedR2, double privateR2,
        double sharedBound, double privateBound)
    {
        var z = string.Create(C, $"R²(z) = {sharedR2:F3}");
        var c = string.Create(C, $"R²(c) = {privateR2:F3}");
        var zOk = sharedR2 >= sharedBound;
        var cOk = privateR2 <= privateBound;
        return (zOk, cOk) switch
        {
            (true, true) => (TheoremAgreement.Agrees, string.Create(C,
                $"agrees with Theorem 1: z is recovered ({z} >= {sharedBound}) and the private c is " +
                $"excluded ({c} <= {privateBound}).")),
            (true, false) => (TheoremAgreement.PrivateLeaks, string.Create(C,
                $"partly: z is recovered ({z} >= {sharedBound}), but the features still carry the " +
                $"private c ({c} > {privateBound}).")),
            (false, true) => (TheoremAgreement.SharedNotRecovered, string.Create(C,
                $"does not agree: z is not recovered ({z} < {sharedBound}), though the private c is " +
                $"excluded ({c} <= {privateBound}).")),
            _ => (TheoremAgreement.SharedNotRecovered, string.Create(C,
                $"does not agree: z is not recovered ({z} < {sharedBound}) and the features carry the " +
                $"private c ({c} > {privateBound}).")),
        };
    }

    public static string Control(string name, double sharedR2, double privateR2) => name switch
    {
        VerificationRun.RawInput =>
            string.Create(C,
                $"control: x is an invertible function of (z, c), so both should be high (R²(z) = " +
                $"{sharedR2:F3}, R²(c) = {privateR2:F3})."),
        _ => string.Create(C,
            $"control: the untrained encoder every method starts from (R²(z) = {sharedR2:F3}, R²(c) = " +
            $"{privateR2:F3}); training should raise R²(z) above it."),
    };
}
