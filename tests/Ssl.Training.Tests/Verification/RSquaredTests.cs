using Ssl.Training.Verification;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Verification;

public class RSquaredTests
{
    [Fact]
    public void A_perfect_prediction_scores_one_and_the_mean_scores_zero()
    {
        using var y = tensor(new[] { 1.0, 2.0, 3.0, 6.0 }).reshape(4, 1);
        Assert.Equal(1.0, RSquared.Score(y, y), 12);
        using var mean = full(4, 1, 3.0, dtype: ScalarType.Float64);
        Assert.Equal(0.0, RSquared.Score(mean, y), 12);
    }

    [Fact]
    public void Columns_are_scored_separately_and_averaged()
    {
        // Column 0 perfect (1), column 1 predicted as its mean (0): the average is 0.5, not the pooled value.
        using var y = tensor(new[] { 1.0, 10.0, 2.0, 20.0, 3.0, 30.0 }).reshape(3, 2);
        using var p = tensor(new[] { 1.0, 20.0, 2.0, 20.0, 3.0, 20.0 }).reshape(3, 2);
        Assert.Equal(0.5, RSquared.Score(p, y), 12);
    }
}
