using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>How much of a target a representation holds, as the held-out R^2 of an RBF kernel ridge regression
/// from the representation to the target. Features and targets are standardised with the fit split's statistics;
/// for each target the kernel width (multiples of the median heuristic) and the ridge are chosen on the last fifth
/// of the fit split, the model is refitted on the whole fit split, and the score is R^2 on the test split, which
/// nothing before has seen. Several targets share the kernel solves.</summary>
public static class NonlinearRegression
{
    static readonly double[] WidthFactors = [0.25, 0.5, 1, 2, 4];
    static readonly double[] Ridges = [1e-3, 1e-2, 1e-1, 1];

    /// <summary>The held-out R^2 of each target, in order; each target is a (fit [n, k], test [m, k]) pair.</summary>
    public static double[] HeldOutR2(Tensor fitFeatures, Tensor testFeatures,
        params (Tensor Fit, Tensor Test)[] targets)
    {
        using var scope = NewDisposeScope();
        var (fx, tx) = Standardise(fitFeatures, testFeatures);
        var standardised = targets.Select(t => Standardise(t.Fit, t.Test)).ToArray();
        var widths = standardised.Select(t => (int)t.Fit.shape[1]).ToArray();
        var fy = cat(standardised.Select(t => t.Fit).ToList(), 1);
        var ty = cat(standardised.Select(t => t.Test).ToList(), 1);
        var n = fx.shape[0];
        var inner = n - n / 5;
        var (trainX, validX) = (fx.narrow(0, 0, inner), fx.narrow(0, inner, n - inner));
        var (trainY, validY) = (fy.narrow(0, 0, inner), fy.narrow(0, inner, n - inner));
        var median = MedianSquaredDistance(trainX);

        var best = targets.Select(_ => (Score: double.NegativeInfinity, Gamma: 1.0 / median, Lambda: 1.0)).ToArray();
        foreach (var factor in WidthFactors)
            foreach (var lambda in Ridges)
            {
                var gamma = 1.0 / (factor * median);
                using var model = KernelRidge.Fit(trainX, trainY, gamma, lambda);
                using var predicted = model.Predict(validX);
                for (var t = 0; t < targets.Length; t++)
                {
                    var score = RSquared.Score(Columns(predicted, widths, t), Columns(validY, widths, t));
                    if (score > best[t].Score) best[t] = (score, gamma, lambda);
                }
            }
        var scores = new double[targets.Length];
        foreach (var group in Enumerable.Range(0, targets.Length).GroupBy(t => (best[t].Gamma, best[t].Lambda)))
        {
            using var model = KernelRidge.Fit(fx, fy, group.Key.Gamma, group.Key.Lambda);
            using var predicted = model.Predict(tx);
            foreach (var t in group) scores[t] = RSquared.Score(Columns(predicted, widths, t), Columns(ty, widths, t));
        }
        return scores;
    }

    static Tensor Columns(Tensor all, int[] widths, int target) =>
        all.narrow(1, widths.Take(target).Sum(), widths[target]);

    static (Tensor Fit, Tensor Test) Standardise(Tensor fit, Tensor test)
    {
        var f = fit.to_type(ScalarType.Float64);
        var mean = f.mean([0L], keepdim: true);
        var std = f.std(0, keepdim: true).ClampMin(1e-12);
        return ((f - mean) / std, (test.to_type(ScalarType.Float64) - mean) / std);
    }

    /// <summary>The median of the squared pairwise distances of (at most 1,000 of) the points: the usual
    /// bandwidth.</summary>
    static double MedianSquaredDistance(Tensor x)
    {
        using var scope = NewDisposeScope();
        var s = x.narrow(0, 0, Math.Min(1000, x.shape[0]));
        var d = cdist(s, s).Square();
        var upper = d.masked_select(ones_like(d, dtype: ScalarType.Bool).triu(1));
        return Math.Max(1e-12, upper.median().Value());
    }
}
