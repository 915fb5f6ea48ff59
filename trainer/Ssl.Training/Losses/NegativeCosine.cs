using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Losses;

/// <summary>Negative cosine similarity (SimSiam, Chen &amp; He, CVPR 2021, Eq. 1):
/// D(p, z) = - (p / ||p||_2) . (z / ||z||_2), averaged over the batch.</summary>
public static class NegativeCosine
{
    /// <param name="p">N x D predictions.</param>
    /// <param name="z">N x D targets; the caller detaches them when they are the stop-gradient branch.</param>
    public static Tensor Loss(Tensor p, Tensor z)
    {
        using var scope = NewDisposeScope();
        var pn = nn.functional.normalize(p, dim: 1);
        var zn = nn.functional.normalize(z, dim: 1);
        return (-(pn * zn).sum(1).mean()).MoveToOuterDisposeScope();
    }

    /// <summary>The symmetrised loss of SimSiam Eq. 2: L = D(p1, t2) / 2 + D(p2, t1) / 2, where the targets are
    /// t = sg(z): the caller detaches them, so that the stop-gradient stands in the method.</summary>
    public static Tensor Symmetric(Tensor p1, Tensor p2, Tensor t1, Tensor t2)
    {
        using var scope = NewDisposeScope();
        return Loss(p1, t2).Add(Loss(p2, t1)).Mul(0.5).MoveToOuterDisposeScope();
    }
}
