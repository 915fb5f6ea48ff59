using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Losses;

/// <summary>VICReg (Bardes, Ponce &amp; LeCun, ICLR 2022, Eq. 1-6):
/// l(Z, Z') = lambda s(Z, Z') + mu [v(Z) + v(Z')] + nu [c(Z) + c(Z')] with
/// s = (1/N) sum_n ||z_n - z'_n||^2 / D (mean squared error),
/// v(Z) = (1/D) sum_j max(0, gamma - sqrt(Var(z^j) + eps)), gamma = 1, eps = 1e-4,
/// c(Z) = (1/D) sum_{i != j} [C(Z)]_ij^2 with C(Z) the covariance (N - 1 denominator).</summary>
public static class VicRegLoss
{
    const double Epsilon = 1e-4;

    public static Tensor Loss(
        Tensor za, Tensor zb, double invarianceWeight, double varianceWeight, double covarianceWeight)
    {
        using var scope = NewDisposeScope();
        var loss = Invariance(za, zb).Mul(invarianceWeight)
            .Add(Variance(za).Add(Variance(zb)).Mul(varianceWeight))
            .Add(Covariance(za).Add(Covariance(zb)).Mul(covarianceWeight));
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>s(Z, Z'): mean squared error over all elements.</summary>
    public static Tensor Invariance(Tensor za, Tensor zb) => nn.functional.mse_loss(za, zb);

    /// <summary>v(Z): hinge on the standard deviation of each dimension along the batch.</summary>
    public static Tensor Variance(Tensor z)
    {
        using var scope = NewDisposeScope();
        var std = z.var(dim: 0).Add(Epsilon).sqrt();
        return nn.functional.relu(std.RSub(1)).mean().MoveToOuterDisposeScope();
    }

    /// <summary>c(Z): sum of squared off-diagonal covariances over D.</summary>
    public static Tensor Covariance(Tensor z)
    {
        using var scope = NewDisposeScope();
        var (n, d) = (z.shape[0], z.shape[1]);
        var centered = z - z.mean([0], keepdim: true);
        var cov = centered.t().mm(centered).Div(n - 1);
        return (cov.Pow(2).sum() - cov.diagonal().Pow(2).sum()).Div(d).MoveToOuterDisposeScope();
    }
}
