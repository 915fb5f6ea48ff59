using Ssl.Training.Native;
using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

/// <summary>Colour-space conversions on float <c>[B,3,H,W]</c> batches in [0,1], as tensor math.</summary>
public static class ColorSpace
{
    /// <summary>ITU-R BT.601 luma weights (R, G, B), as PIL's and torchvision's grayscale.</summary>
    public static readonly double[] LumaWeights = [0.299, 0.587, 0.114];

    /// <summary>Luma <c>[B,1,H,W]</c> = 0.299 R + 0.587 G + 0.114 B.</summary>
    public static Tensor Luma(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var (r, g, b) = Channels(rgb);
        return r.Mul(LumaWeights[0]).Add(g.Mul(LumaWeights[1])).Add(b.Mul(LumaWeights[2])).MoveToOuterDisposeScope();
    }

    /// <summary>RGB to HSV, all three in [0,1] (hue in turns), as torchvision's <c>_rgb2hsv</c>.</summary>
    public static Tensor RgbToHsv(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        var (r, g, b) = Channels(rgb);
        var maxc = rgb.amax([1], keepdim: true);
        var minc = rgb.amin([1], keepdim: true);
        var gray = maxc.eq(minc);
        var chroma = maxc - minc;
        var one = ones_like(maxc);
        // Gray pixels (chroma 0) would divide 0 by 0; their saturation and hue are 0.
        var s = chroma / where(gray, one, maxc);
        var divisor = where(gray, one, chroma);
        var rc = (maxc - r) / divisor;
        var gc = (maxc - g) / divisor;
        var bc = (maxc - b) / divisor;
        // The sector is that of the largest channel, red first on ties (as torchvision).
        var h = where(maxc.eq(r), bc - gc, where(maxc.eq(g), (rc - bc).AddInPlace(2), (gc - rc).AddInPlace(4)));
        h = h.DivInPlace(6).AddInPlace(1).FmodInPlace(1);
        return cat([h, s, maxc], 1).MoveToOuterDisposeScope();
    }

    /// <summary>HSV to RGB by the closed form f(n) = v - v s clamp(min(k, 4 - k), 0, 1), k = (n + 6h) mod 6,
    /// with n = 5, 3, 1 for R, G, B: the six-sector table without indexing.</summary>
    public static Tensor HsvToRgb(Tensor hsv)
    {
        using var scope = NewDisposeScope();
        var (h, s, v) = Channels(hsv);
        var h6 = h.Mul(6);
        var vs = v * s;
        Tensor Channel(double n)
        {
            var k = h6.Add(n).RemainderInPlace(6);
            var ramp = minimum(k, k.RSub(4)).ClampInPlace(0, 1);
            return v - vs * ramp;
        }
        return cat([Channel(5), Channel(3), Channel(1)], 1).MoveToOuterDisposeScope();
    }

    static (Tensor, Tensor, Tensor) Channels(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != 3)
            throw new ArgumentException($"expected [B,3,H,W], got [{string.Join(",", x.shape)}]", nameof(x));
        return (x.narrow(1, 0, 1), x.narrow(1, 1, 1), x.narrow(1, 2, 1));
    }
}
