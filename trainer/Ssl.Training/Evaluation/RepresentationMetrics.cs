using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>Pure functions that say whether a representation is healthy or collapsing. Inputs are N x D
/// embeddings; outputs are plain numbers; nothing is modified.</summary>
public static class RepresentationMetrics
{
    /// <summary>Mean over channels of the per-channel standard deviation of l2-normalised embeddings
    /// (SimSiam, Chen &amp; He 2021, §4.1): about 1/sqrt(D) for well-spread embeddings, 0 when all collapse
    /// to one vector.</summary>
    public static double NormalizedStd(Tensor z)
    {
        using var scope = NewDisposeScope();
        return nn.functional.normalize(z, dim: 1).std(0).mean().item<float>();
    }

    /// <summary>RankMe (Garrido et al., "RankMe: Assessing the Downstream Performance of Pretrained
    /// Self-Supervised Representations by Their Rank", ICML 2023, Eq. 1): with singular values s_k of Z,
    /// p_k = s_k / ||s||_1 + eps, RankMe(Z) = exp(-sum_k p_k log p_k). Between 1 (collapsed) and min(N, D).</summary>
    public static double EffectiveRank(Tensor z, double eps = 1e-7)
    {
        using var scope = NewDisposeScope();
        var s = linalg.svdvals(z.to(ScalarType.Float64));
        var p = (s / s.sum()).Add(eps);
        return (-(p * p.log()).sum()).exp().item<double>();
    }

    /// <summary>Alignment (Wang &amp; Isola, "Understanding Contrastive Representation Learning through Alignment
    /// and Uniformity on the Hypersphere", ICML 2020, Eq. 4 with alpha = 2): E ||f(x) - f(y)||^2 over positive
    /// pairs of l2-normalised embeddings. 0 is perfectly aligned, 4 is opposite.</summary>
    public static double Alignment(Tensor z1, Tensor z2)
    {
        using var scope = NewDisposeScope();
        var d = nn.functional.normalize(z1, dim: 1) - nn.functional.normalize(z2, dim: 1);
        return d.Pow(2).sum(1).mean().item<float>();
    }

    /// <summary>Uniformity (Wang &amp; Isola 2020, Eq. 5 with t = 2): log E exp(-2 ||f(x) - f(y)||^2) over
    /// distinct pairs of l2-normalised embeddings. 0 when all embeddings coincide; more negative is more
    /// uniform.</summary>
    public static double Uniformity(Tensor z)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.normalize(z.to(ScalarType.Float64), dim: 1);
        var n = x.shape[0];
        var squared = x.matmul(x.T).Mul(2).RSub(2).ClampMin(0);
        var offDiagonal = ones(n, n, dtype: ScalarType.Bool, device: x.device).triu(1);
        return squared.masked_select(offDiagonal).Mul(-2).exp().mean().log().item<double>();
    }
}
