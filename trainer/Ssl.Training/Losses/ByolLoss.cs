using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Losses;

/// <summary>BYOL (Grill et al., "Bootstrap Your Own Latent", NeurIPS 2020, Eq. 2):
/// L = || q/||q|| - z'/||z'|| ||^2 = 2 - 2 &lt;q, z'&gt; / (||q|| ||z'||), averaged over the batch.</summary>
public static class ByolLoss
{
    /// <param name="q">N x D online predictions.</param>
    /// <param name="z">N x D target projections (the caller passes them detached).</param>
    public static Tensor Loss(Tensor q, Tensor z)
    {
        using var scope = NewDisposeScope();
        var cos = (nn.functional.normalize(q, dim: 1) * nn.functional.normalize(z, dim: 1)).sum(1);
        return cos.Mul(2).RSub(2).mean().MoveToOuterDisposeScope();
    }

    /// <summary>The symmetrised loss of the paper: L + L~ = L(q1, sg(z'2)) + L(q2, sg(z'1)). The caller computes the
    /// targets under <c>no_grad()</c>, so that the stop-gradient sg stands in the method.</summary>
    public static Tensor Symmetric(Tensor q1, Tensor q2, Tensor target1, Tensor target2)
    {
        using var scope = NewDisposeScope();
        return Loss(q1, target2).Add(Loss(q2, target1)).MoveToOuterDisposeScope();
    }
}
