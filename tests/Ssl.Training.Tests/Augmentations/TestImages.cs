using static TorchSharp.torch;

namespace Ssl.Training.Tests.Augmentations;

/// <summary>Small image batches and comparisons for the augmentation tests.</summary>
internal static class TestImages
{
    /// <summary>float32 [B,C,H,W] uniform in [0,1), reproducible from <paramref name="seed"/>.</summary>
    public static Tensor Random(long b, long c, long h, long w, ulong seed = 7)
    {
        using var g = new Generator(seed);
        return rand([b, c, h, w], generator: g);
    }

    /// <summary>uint8 [B,C,H,W] uniform in 0..255.</summary>
    public static Tensor RandomBytes(long b, long c, long h, long w, ulong seed = 7)
    {
        using var g = new Generator(seed);
        return randint(0, 256, [b, c, h, w], dtype: ScalarType.Byte, generator: g);
    }

    /// <summary><paramref name="n"/> copies of the single image <paramref name="one"/> [1,C,H,W].</summary>
    public static Tensor Copies(Tensor one, long n)
    {
        using var e = one.expand(n, one.shape[1], one.shape[2], one.shape[3]);
        return e.contiguous();
    }

    /// <summary>Every pixel of image i has colour <paramref name="rgb"/>[i] (C = colour length).</summary>
    public static Tensor Solid(float[][] colours, long h = 4, long w = 4)
    {
        using var scope = NewDisposeScope();
        var c = tensor(colours.SelectMany(x => x).ToArray()).view(colours.Length, colours[0].Length, 1, 1);
        return c.expand(colours.Length, colours[0].Length, h, w).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>How many of the batch's images differ from every other image by more than <paramref name="tolerance"/>
    /// (max abs).</summary>
    public static int DistinctCount(Tensor batch, double tolerance = 1e-4)
    {
        using var scope = NewDisposeScope();
        var flat = batch.reshape(batch.shape[0], -1);
        var diff = (flat.unsqueeze(0) - flat.unsqueeze(1)).abs().amax([2]);
        var n = (int)batch.shape[0];
        var distinct = 0;
        var d = diff.cpu().data<float>().ToArray();
        for (var i = 0; i < n; i++)
            if (Enumerable.Range(0, n).All(j => j == i || d[i * n + j] > tolerance)) distinct++;
        return distinct;
    }

    /// <summary>Per-image flag: image i differs from <paramref name="reference"/> image i by more than
    /// <paramref name="tolerance"/>.</summary>
    public static bool[] Changed(Tensor output, Tensor reference, double tolerance = 1e-6)
    {
        using var scope = NewDisposeScope();
        var diff = (output - reference).abs().reshape(output.shape[0], -1).amax([1]);
        return (diff > tolerance).cpu().data<bool>().ToArray();
    }

    /// <summary>Same shape, dtype and every element equal. (TorchSharp's <c>Tensor.equal</c> is element-wise, like
    /// <c>eq</c>.)</summary>
    public static bool Identical(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape)) return false;
        using var eq = a.eq(b);
        using var all = eq.all();
        return all.item<bool>();
    }

    public static float MaxAbsDiff(Tensor a, Tensor b)
    {
        using var d = (a - b).abs().max();
        return d.item<float>();
    }

    public static float[] Values(Tensor t)
    {
        using var cpu = t.cpu().to(ScalarType.Float32).contiguous();
        return cpu.data<float>().ToArray();
    }
}
