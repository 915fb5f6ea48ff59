using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>A random invertible smooth map g of R^D onto itself: layers of u = s Q x (Q a Haar-random orthogonal
/// matrix, s a gain that gives the pre-activations unit standard deviation on the latent distribution) followed by
/// the strictly monotone element-wise x = tanh(u) + a u. Each layer is a diffeomorphism (the Jacobian is
/// s Q times a diagonal with entries in (a, 1 + a]), so g is one, with the inverse computed here in double
/// precision. Holds its matrices; dispose it.</summary>
public sealed class InvertibleMixing : IDisposable
{
    readonly List<(Tensor Q, double Gain)> layers = [];
    readonly double slope;

    /// <param name="probe">Samples of the latent distribution [M, D] that fix the gains (they are not kept).</param>
    public InvertibleMixing(int dim, int layerCount, double slope, Generator rng, Tensor probe)
    {
        this.slope = slope;
        using var scope = NewDisposeScope();
        var x = probe.to_type(ScalarType.Float64);
        for (var l = 0; l < layerCount; l++)
        {
            var q = RandomOrthogonal(dim, rng);
            var u = x.matmul(q.t());
            var gain = 1.0 / Math.Max(1e-12, u.std().Value());
            layers.Add((q.DetachFromDisposeScope(), gain));
            x = Activate(u.Mul(gain));
        }
    }

    public int Dim => (int)layers[0].Q.shape[0];

    /// <summary>x = g(latent), latent [N, D] of any floating type; returns float64 [N, D].</summary>
    public Tensor Forward(Tensor latent)
    {
        using var scope = NewDisposeScope();
        var x = latent.to_type(ScalarType.Float64);
        foreach (var (q, gain) in layers) x = Activate(x.matmul(q.t()).Mul(gain));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>latent = g^-1(x), x [N, D]; returns float64 [N, D].</summary>
    public Tensor Inverse(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = x.to_type(ScalarType.Float64);
        for (var l = layers.Count - 1; l >= 0; l--)
            y = InverseActivation(y).Div(layers[l].Gain).matmul(layers[l].Q);
        return y.MoveToOuterDisposeScope();
    }

    Tensor Activate(Tensor u) => u.tanh().Add(u.Mul(slope));

    /// <summary>Solves tanh(u) + a u = y element-wise by bisection: the root lies in |u| &lt;= |y| / a because
    /// |tanh(u) + a u| &gt;= a |u|, and 80 halvings of that bracket leave less than double precision's
    /// spacing.</summary>
    Tensor InverseActivation(Tensor y)
    {
        using var scope = NewDisposeScope();
        var bound = y.abs().Div(slope).Add(1);
        var (lo, hi) = (-bound, bound);
        for (var i = 0; i < 80; i++)
        {
            var mid = lo.Add(hi).Div(2);
            var below = Activate(mid) < y;
            lo = where(below, mid, lo);
            hi = where(below, hi, mid);
        }
        return lo.Add(hi).Div(2).MoveToOuterDisposeScope();
    }

    /// <summary>Q from the QR decomposition of a Gaussian matrix, with R's diagonal signs folded in so that Q is
    /// Haar-distributed (Mezzadri 2007).</summary>
    static Tensor RandomOrthogonal(int dim, Generator rng)
    {
        using var scope = NewDisposeScope();
        var a = randn(dim, dim, dtype: ScalarType.Float64, generator: rng);
        var (q, r) = linalg.qr(a);
        return (q * r.diagonal().sign().unsqueeze(0)).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var (q, _) in layers) q.Dispose();
        layers.Clear();
    }
}
