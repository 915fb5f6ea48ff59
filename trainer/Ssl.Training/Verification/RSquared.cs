using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>The coefficient of determination R^2 = 1 - sum (y - y_hat)^2 / sum (y - mean y)^2, per target column,
/// averaged over the columns (scikit-learn's <c>uniform_average</c>). 1 is a perfect prediction, 0 is no better
/// than predicting the mean, and it is negative for worse than that.</summary>
public static class RSquared
{
    public static double Score(Tensor predicted, Tensor target)
    {
        using var scope = NewDisposeScope();
        var y = target.to_type(ScalarType.Float64);
        var residual = (y - predicted.to_type(ScalarType.Float64)).Square().sum([0L]);
        var total = (y - y.mean([0L], keepdim: true)).Square().sum([0L]).ClampMin(1e-300);
        return (residual / total).RSub(1).mean().Value();
    }
}
