using Ssl.Training.Native;
using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>Kernel ridge regression with the RBF kernel k(a, b) = exp(-gamma |a - b|^2): the weights solve
/// (K + lambda I) alpha = Y and the prediction at x is k(x, X) alpha (Schölkopf &amp; Smola 2002, §4.2), in
/// double precision. Holds its training points and weights; dispose it.</summary>
public sealed class KernelRidge : IDisposable
{
    readonly Tensor points;   // n x d
    readonly Tensor weights;  // n x k

    KernelRidge(Tensor points, Tensor weights, double gamma)
    {
        (this.points, this.weights, Gamma) = (points, weights, gamma);
    }

    public double Gamma { get; }

    public static KernelRidge Fit(Tensor features, Tensor targets, double gamma, double lambda)
    {
        using var scope = NewDisposeScope();
        var x = features.to_type(ScalarType.Float64);
        var k = Kernel(x, x, gamma);
        var a = k.Add(eye(x.shape[0], dtype: ScalarType.Float64, device: x.device).Mul(lambda));
        var alpha = linalg.solve(a, targets.to_type(ScalarType.Float64));
        return new KernelRidge(x.clone().DetachFromDisposeScope(), alpha.DetachFromDisposeScope(), gamma);
    }

    /// <summary>Predictions [m, k] for features [m, d], float64.</summary>
    public Tensor Predict(Tensor features)
    {
        using var scope = NewDisposeScope();
        return Kernel(features.to_type(ScalarType.Float64), points, Gamma).matmul(weights).MoveToOuterDisposeScope();
    }

    public static Tensor Kernel(Tensor a, Tensor b, double gamma)
    {
        using var scope = NewDisposeScope();
        return cdist(a, b).Square().Mul(-gamma).exp().MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        points.Dispose();
        weights.Dispose();
    }
}
