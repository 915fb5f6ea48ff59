using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Losses;

/// <summary>NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al., ICML 2020, Eq. 1):
/// l(i, j) = -log( exp(sim(z_i, z_j) / tau) / sum_{k != i} exp(sim(z_i, z_k) / tau) ) with cosine sim, averaged over
/// all 2N anchors, each view's positive being the other view of the same image and the 2N - 2 others
/// negatives.</summary>
public static class NtXent
{
    /// <param name="z1">N x D embeddings of the first view.</param>
    /// <param name="z2">N x D embeddings of the second view; row n is the positive of row n of
    /// <paramref name="z1"/>.</param>
    /// <param name="temperature">tau, 0.2 in solo-learn's CIFAR recipe (0.5 in the paper's CIFAR runs).</param>
    public static Tensor Loss(Tensor z1, Tensor z2, double temperature)
    {
        using var scope = NewDisposeScope();
        var n = z1.shape[0];
        var z = nn.functional.normalize(cat([z1, z2], 0), dim: 1);                        // 2N x D
        using var self = eye(2 * n, dtype: ScalarType.Bool, device: z.device);
        var logits = z.mm(z.t()).Div(temperature).MaskedFill(self, double.NegativeInfinity);  // 2N x 2N, no k = i
        var positives = cat([ScalarMath.Arange(n, 2 * n), ScalarMath.Arange(0, n)]).to(z.device);
        return nn.functional.cross_entropy(logits, positives).MoveToOuterDisposeScope();
    }
}
