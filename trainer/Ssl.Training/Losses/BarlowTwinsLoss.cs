using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Losses;

/// <summary>Barlow Twins (Zbontar et al., ICML 2021, Eq. 1-2):
/// C_ij = sum_b za_bi zb_bj / N on embeddings standardised along the batch, and
/// L = sum_i (1 - C_ii)^2 + lambda * sum_i sum_{j != i} C_ij^2, times an optional scale (solo-learn's
/// scale_loss).</summary>
public static class BarlowTwinsLoss
{
    /// <summary>BatchNorm1d's epsilon: the reference code standardises with BN(affine=False) in training
    /// mode.</summary>
    public const double StandardizeEpsilon = 1e-5;

    /// <param name="za">N x D embeddings of the first view.</param>
    /// <param name="zb">N x D embeddings of the second view.</param>
    /// <param name="lambda">Weight of the redundancy-reduction (off-diagonal) term, 0.0051 in the paper.</param>
    /// <param name="scale">Overall factor (1 in the paper).</param>
    public static Tensor Loss(Tensor za, Tensor zb, double lambda, double scale = 1.0)
    {
        using var scope = NewDisposeScope();
        var c = CrossCorrelation(za, zb);
        var diagonal = c.diagonal();
        var onDiagonal = diagonal.RSub(1).Pow(2).sum();
        var offDiagonal = c.Pow(2).sum() - diagonal.Pow(2).sum();
        return onDiagonal.Add(offDiagonal.Mul(lambda)).Mul(scale).MoveToOuterDisposeScope();
    }

    /// <summary>C = standardise(za)^T standardise(zb) / N, D x D.</summary>
    public static Tensor CrossCorrelation(Tensor za, Tensor zb)
    {
        using var scope = NewDisposeScope();
        var n = za.shape[0];
        return Standardize(za).t().mm(Standardize(zb)).Div(n).MoveToOuterDisposeScope();
    }

    /// <summary>(z - mean) / sqrt(var + eps) along the batch, with the biased variance as BatchNorm uses.</summary>
    public static Tensor Standardize(Tensor z)
    {
        using var scope = NewDisposeScope();
        var centered = z - z.mean([0], keepdim: true);
        var variance = centered.Pow(2).mean([0], keepdim: true);
        return (centered / variance.Add(StandardizeEpsilon).sqrt()).MoveToOuterDisposeScope();
    }
}
