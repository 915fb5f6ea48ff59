using Ssl.Training.Verification;

namespace Ssl.Training.Tests.Verification;

public class TheoremVerdictTests
{
    [Theory]
    [InlineData(0.9, 0.1, TheoremAgreement.Agrees)]
    [InlineData(0.8, 0.3, TheoremAgreement.Agrees)]
    [InlineData(0.9, 0.5, TheoremAgreement.PrivateLeaks)]
    [InlineData(0.5, 0.1, TheoremAgreement.SharedNotRecovered)]
    [InlineData(0.5, 0.5, TheoremAgreement.SharedNotRecovered)]
    public void Agreement_follows_the_two_bounds(double shared, double @private, TheoremAgreement expected)
    {
        var (agreement, words) = TheoremVerdict.Judge(shared, @private, 0.8, 0.3);
        Assert.Equal(expected, agreement);
        Assert.Contains(shared.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), words);
    }
}
