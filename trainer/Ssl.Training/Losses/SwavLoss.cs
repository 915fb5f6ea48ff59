using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Losses;

/// <summary>SwAV's swapped prediction (Caron et al., NeurIPS 2020, Eq. 1-3 and the reference code):
/// codes q are computed from one view's prototype scores by Sinkhorn-Knopp and predicted from every other view,
/// l(z_t, q_s) = - sum_k q_s^(k) log p_t^(k), p_t = softmax(z_t^T C / tau);
/// L = 1/|A| sum_{s in A} 1/(V-1) sum_{t != s} mean_n l(z_t, q_s), A the (global) views codes are computed
/// for.</summary>
public static class SwavLoss
{
    /// <param name="scores">Per view, N x K prototype scores z^T C (all views: global first, then local crops).</param>
    /// <param name="codes">Per global view s (the first codes.Count views), N x K codes q_s; constants: the caller
    /// computes them without gradient (the stop-gradient stands in the method).</param>
    /// <param name="temperature">tau, 0.1 in the paper.</param>
    public static Tensor Loss(IReadOnlyList<Tensor> scores, IReadOnlyList<Tensor> codes, double temperature)
    {
        using var scope = NewDisposeScope();
        var total = zeros(1, dtype: scores[0].dtype, device: scores[0].device).squeeze();
        for (var s = 0; s < codes.Count; s++)
        {
            var q = codes[s];
            var sub = zeros_like(total);
            for (var t = 0; t < scores.Count; t++)
            {
                if (t == s) continue;
                var logP = scores[t].Div(temperature).log_softmax(1);
                sub = sub - (q * logP).sum(1).mean();
            }
            total = total.Add(sub.Div(scores.Count - 1));
        }
        return total.Div(codes.Count).MoveToOuterDisposeScope();
    }

    /// <summary>Sinkhorn-Knopp (Cuturi 2013) as in SwAV's reference code: Q = exp(scores / epsilon)^T, then alternately
    /// normalise the K prototype rows to 1/K and the B sample columns to 1/B; returns B x K codes whose rows sum to 1.
    /// Computed without gradients.</summary>
    /// <param name="scores">B x K prototype scores (the batch, with any queued embeddings' scores).</param>
    public static Tensor Sinkhorn(Tensor scores, double epsilon, int iterations)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Subtracting the maximum leaves Q unchanged after the first normalisation and keeps exp finite in float32.
        var q = (scores.detach() - scores.max()).Div(epsilon).exp().t();  // K x B
        var (k, b) = (q.shape[0], q.shape[1]);
        q = q / q.sum();
        for (var i = 0; i < iterations; i++)
        {
            q = (q / q.sum(1, keepdim: true)).Div(k);
            q = (q / q.sum(dim: 0, keepdim: true)).Div(b);
        }
        return q.Mul(b).t().MoveToOuterDisposeScope();
    }
}
