using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Native;

/// <summary>Arithmetic of tensors with numbers that hands LibTorch only <see cref="Scalar"/>s someone owns.
/// <para>TorchSharp 0.107 passes a Scalar to native code as <c>scalar.Handle</c> and never calls
/// <c>GC.KeepAlive</c> after the call. A Scalar made by an implicit conversion (<c>x * 0.5</c>,
/// <c>x.clamp_min(1e-6)</c>, and TorchSharp's own <c>add(Tensor) =&gt; add(target, 1)</c> behind every
/// <c>a + b</c>) is garbage as soon as its handle has been read. If another thread triggers a collection during the
/// native call, the finalizer frees the Scalar while LibTorch still reads it: <c>Expected false to be true ...
/// toFloat at c10/core/Scalar.h</c> (issue 19; reproduced by <c>tests/stress/scalar-race.sh</c>).</para>
/// <para>Here each Scalar is a <c>using</c> local, alive until the native call has returned and freed right after
/// it, not by the finalizer; the 1 of tensor addition is one Scalar this class owns for the life of the process.
/// <c>NativeCalls/ScalarOwnershipTests</c> reads the compiled code and fails on any call that makes an unowned
/// Scalar, so these are the way to write arithmetic with a number. The integer overloads keep an integer tensor
/// integer (<c>Mul(2)</c> on int64 stays int64), as PyTorch's <c>x * 2</c> does.</para></summary>
public static class ScalarMath
{
    static readonly Scalar One = 1.ToScalar();

    /// <summary>a + b (PyTorch's <c>a + b</c>).</summary>
    public static Tensor Add(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a + alpha * b.</summary>
    public static Tensor Add(this Tensor a, Tensor b, double alpha) => Owned(alpha, s => a.add(b, s));

    /// <summary>a + b for a number b.</summary>
    public static Tensor Add(this Tensor a, double b) => Owned(b, s => a.add(s, One));

    /// <inheritdoc cref="Add(Tensor, double)"/>
    public static Tensor Add(this Tensor a, long b) => Owned(b, s => a.add(s, One));

    /// <summary>a - b for a number b.</summary>
    public static Tensor Sub(this Tensor a, double b) => Owned(b, a.sub);

    /// <inheritdoc cref="Sub(Tensor, double)"/>
    public static Tensor Sub(this Tensor a, long b) => Owned(b, a.sub);

    /// <summary>b - a for a number b (PyTorch's <c>b - a</c>), computed as (-a) + b like TorchSharp's operator, which
    /// equals b - a exactly.</summary>
    public static Tensor RSub(this Tensor a, double b)
    {
        using var negative = a.negative();
        return negative.Add(b);
    }

    /// <inheritdoc cref="RSub(Tensor, double)"/>
    public static Tensor RSub(this Tensor a, long b)
    {
        using var negative = a.negative();
        return negative.Add(b);
    }

    /// <summary>a * b for a number b.</summary>
    public static Tensor Mul(this Tensor a, double b) => Owned(b, a.mul);

    /// <inheritdoc cref="Mul(Tensor, double)"/>
    public static Tensor Mul(this Tensor a, long b) => Owned(b, a.mul);

    /// <summary>a / b for a number b (true division).</summary>
    public static Tensor Div(this Tensor a, double b) => Owned(b, s => a.div(s));

    /// <summary>a ** exponent, elementwise.</summary>
    public static Tensor Pow(this Tensor a, double exponent) => Owned(exponent, a.pow);

    /// <summary>a ** 2, elementwise, as a * a (TorchSharp's <c>square()</c> is <c>pow(2)</c> with an unowned 2;
    /// LibTorch computes pow(x, 2) as x * x too).</summary>
    public static Tensor Square(this Tensor a) => a.mul(a);

    /// <summary>max(a, min), elementwise.</summary>
    public static Tensor ClampMin(this Tensor a, double min) => Owned(min, a.clamp_min);

    /// <summary>min(a, max), elementwise.</summary>
    public static Tensor ClampMax(this Tensor a, double max) => Owned(max, a.clamp_max);

    /// <summary>a &gt; b, elementwise, as a bool tensor.</summary>
    public static Tensor Gt(this Tensor a, double b) => Owned(b, a.gt);

    /// <summary>a &lt; b, elementwise, as a bool tensor.</summary>
    public static Tensor Lt(this Tensor a, double b) => Owned(b, a.lt);

    /// <summary>a &gt;= b, elementwise, as a bool tensor.</summary>
    public static Tensor Ge(this Tensor a, double b) => Owned(b, a.ge);

    /// <summary>a &lt;= b, elementwise, as a bool tensor.</summary>
    public static Tensor Le(this Tensor a, double b) => Owned(b, a.le);

    /// <summary>a clamped to [min, max].</summary>
    public static Tensor Clamp(this Tensor a, double min, double max)
    {
        using var lo = min.ToScalar();
        using var hi = max.ToScalar();
        return a.clamp(lo, hi);
    }

    /// <summary>a clamped to [min, max], in place.</summary>
    public static Tensor ClampInPlace(this Tensor a, double min, double max)
    {
        using var lo = min.ToScalar();
        using var hi = max.ToScalar();
        return a.clamp_(lo, hi);
    }

    /// <summary>a with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static Tensor MaskedFill(this Tensor a, Tensor mask, double value) =>
        Owned(value, s => a.masked_fill(mask, s));

    /// <summary>a += b, in place.</summary>
    public static Tensor AddInPlace(this Tensor a, Tensor b) => a.add_(b, One);

    /// <summary>a += alpha * b, in place.</summary>
    public static Tensor AddInPlace(this Tensor a, Tensor b, double alpha) => Owned(alpha, s => a.add_(b, s));

    /// <summary>a += b for a number b, in place.</summary>
    public static Tensor AddInPlace(this Tensor a, double b) => Owned(b, s => a.add_(s, One));

    /// <inheritdoc cref="AddInPlace(Tensor, double)"/>
    public static Tensor AddInPlace(this Tensor a, long b) => Owned(b, s => a.add_(s, One));

    /// <summary>a += value * t1 * t2, in place (PyTorch's <c>addcmul_</c>).</summary>
    public static Tensor AddcmulInPlace(this Tensor a, Tensor t1, Tensor t2, double value) =>
        Owned(value, s => a.addcmul_(t1, t2, s));

    /// <summary>a += value * t1 / t2, in place (PyTorch's <c>addcdiv_</c>).</summary>
    public static Tensor AddcdivInPlace(this Tensor a, Tensor t1, Tensor t2, double value) =>
        Owned(value, s => a.addcdiv_(t1, t2, s));

    /// <summary>a *= b for a number b, in place.</summary>
    public static Tensor MulInPlace(this Tensor a, double b) => Owned(b, a.mul_);

    /// <summary>a mod b with the sign of b (Python's %), in place.</summary>
    public static Tensor RemainderInPlace(this Tensor a, double b) => Owned(b, a.remainder_);

    /// <summary>a mod b with the sign of a (C's fmod), in place.</summary>
    public static Tensor FmodInPlace(this Tensor a, double b) => Owned(b, a.fmod_);

    /// <summary>a /= b for a number b, in place.</summary>
    public static Tensor DivInPlace(this Tensor a, double b) => Owned(b, s => a.div_(s));

    /// <summary>The value of a one-element tensor of any dtype as a double (TorchSharp's <c>ToDouble()</c> reads
    /// the value through an unowned Scalar).</summary>
    public static double Value(this Tensor a)
    {
        using var s = a.ToScalar();
        return s.ToDouble();
    }

    /// <summary>The integers [start, end) (PyTorch's <c>torch.arange(start, end)</c>), int64 unless
    /// <paramref name="dtype"/> says otherwise.</summary>
    public static Tensor Arange(long start, long end, Device? device = null, ScalarType dtype = ScalarType.Int64)
    {
        using var from = start.ToScalar();
        using var to = end.ToScalar();
        return arange(from, to, One, dtype, device);
    }

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor Full(long[] shape, double value, ScalarType dtype, Device? device = null) =>
        Owned(value, s => full(shape, s, dtype, device));

    static Tensor Owned(double value, Func<Scalar, Tensor> op)
    {
        using var s = value.ToScalar();
        return op(s);
    }

    static Tensor Owned(long value, Func<Scalar, Tensor> op)
    {
        using var s = value.ToScalar();
        return op(s);
    }
}
