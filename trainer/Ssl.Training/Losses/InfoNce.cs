using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Losses;

/// <summary>The contrastive loss of MoCo v3 (Chen, Xie &amp; He, ICCV 2021, Eq. 1 and Alg. 1):
/// L_q = -log( exp(q . k+ / tau) / sum_k exp(q . k / tau) ) on l2-normalised q and k, where the keys of the other
/// images in the batch are the negatives; scaled by 2 tau as in the reference code.</summary>
public static class InfoNce
{
    /// <param name="q">N x D queries (online predictor outputs).</param>
    /// <param name="k">N x D keys (momentum-encoder outputs; the caller detaches them); row n is q's positive.</param>
    public static Tensor Loss(Tensor q, Tensor k, double temperature)
    {
        using var scope = NewDisposeScope();
        var logits = nn.functional.normalize(q, dim: 1).mm(nn.functional.normalize(k, dim: 1).t())
            .Div(temperature);  // N x N
        var labels = ScalarMath.Arange(0, q.shape[0], q.device);
        return nn.functional.cross_entropy(logits, labels).Mul(2 * temperature).MoveToOuterDisposeScope();
    }

    /// <summary>The symmetrised loss: ctr(q1, sg(k2)) + ctr(q2, sg(k1)). The caller computes the keys under
    /// <c>no_grad()</c>, so that the stop-gradient sg stands in the method.</summary>
    public static Tensor Symmetric(Tensor q1, Tensor q2, Tensor k1, Tensor k2, double temperature)
    {
        using var scope = NewDisposeScope();
        return Loss(q1, k2, temperature).Add(Loss(q2, k1, temperature)).MoveToOuterDisposeScope();
    }
}
