using Ssl.Training.Native;
using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

public static partial class BatchAugment
{
    /// <summary>Colour jitter as torchvision's ColorJitter inside RandomApply(p): each image is jittered with
    /// probability <c>JitterProbability</c>, with its own brightness, contrast, saturation and hue factors, in its
    /// own random order of the four ops (torchvision draws the order per call, that is per image). On 1-channel
    /// images only brightness and contrast apply.</summary>
    public static Tensor ColorJitter(Tensor images, ViewRecipe recipe, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        long batch = x.shape[0];
        var device = x.device;
        // All draws happen whatever the strengths, so the random stream does not depend on them.
        var apply = RandomDraw.Mask(generator, batch, recipe.JitterProbability, device);
        var factors = new JitterFactors(
            RandomDraw.Uniform(generator, batch, Math.Max(0, 1 - recipe.Brightness), 1 + recipe.Brightness, device),
            RandomDraw.Uniform(generator, batch, Math.Max(0, 1 - recipe.Contrast), 1 + recipe.Contrast, device),
            RandomDraw.Uniform(generator, batch, Math.Max(0, 1 - recipe.Saturation), 1 + recipe.Saturation, device),
            RandomDraw.Uniform(generator, batch, -recipe.Hue, recipe.Hue, device));
        var order = RandomDraw.Permutations(generator, batch, JitterOps);
        var y = ApplyJitter(x, factors, order, recipe);
        return Choose(apply, y, x).MoveToOuterDisposeScope();
    }

    /// <summary>Brightness, contrast, saturation, hue: the ops a jitter order permutes, numbered 0-3.</summary>
    internal const int JitterOps = 4;

    /// <summary>Per-image jitter factors, each [B].</summary>
    internal sealed record JitterFactors(Tensor Brightness, Tensor Contrast, Tensor Saturation, Tensor Hue);

    /// <summary>Applies image i's ops in the order <c>order[i]</c> (ops numbered as in <see cref="JitterOps"/>).
    /// Stage by stage, the images whose op at that stage is the same are gathered and adjusted together, so each
    /// stage costs one pass of each op over the images that use it (the same work as a per-batch order) and no
    /// per-image loop.</summary>
    internal static Tensor ApplyJitter(Tensor x, JitterFactors factors, long[][] order, ViewRecipe recipe)
    {
        using var scope = NewDisposeScope();
        var colour = x.shape[1] == 3;
        var enabled = new[]
        {
            recipe.Brightness > 0, recipe.Contrast > 0, recipe.Saturation > 0 && colour, recipe.Hue > 0 && colour,
        };
        var y = x.clone();
        for (var stage = 0; stage < JitterOps; stage++)
        {
            for (var op = 0; op < JitterOps; op++)
            {
                if (!enabled[op]) continue;
                var members = Enumerable.Range(0, order.Length).Where(i => order[i][stage] == op)
                    .Select(i => (long)i).ToArray();
                if (members.Length == 0) continue;
                var index = tensor(members, device: x.device);
                var part = y.index_select(0, index);
                var adjusted = op switch
                {
                    0 => AdjustBrightness(part, factors.Brightness.index_select(0, index)),
                    1 => AdjustContrast(part, factors.Contrast.index_select(0, index)),
                    2 => AdjustSaturation(part, factors.Saturation.index_select(0, index)),
                    _ => AdjustHue(part, factors.Hue.index_select(0, index)),
                };
                y.index_copy_(0, index, adjusted);
            }
        }
        return y.MoveToOuterDisposeScope();
    }

    /// <summary>x * factor, clamped to [0,1]. <paramref name="factor"/>: [B].</summary>
    public static Tensor AdjustBrightness(Tensor images, Tensor factor)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        return (x * PerSample(factor, x.device)).ClampInPlace(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Blend with the image's mean luma: f x + (1 - f) mean, clamped. <paramref name="factor"/>:
    /// [B].</summary>
    public static Tensor AdjustContrast(Tensor images, Tensor factor)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        var gray = x.shape[1] == 3 ? ColorSpace.Luma(x) : x;
        var mean = gray.mean([1, 2, 3], keepdim: true);
        return Blend(x, mean, PerSample(factor, x.device)).MoveToOuterDisposeScope();
    }

    /// <summary>Blend with the pixel's luma: f x + (1 - f) luma, clamped; identity on 1 channel.
    /// <paramref name="factor"/>: [B].</summary>
    public static Tensor AdjustSaturation(Tensor images, Tensor factor)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        if (x.shape[1] == 1) return x.clone().MoveToOuterDisposeScope();
        return Blend(x, ColorSpace.Luma(x), PerSample(factor, x.device)).MoveToOuterDisposeScope();
    }

    /// <summary>Rotates hue by <paramref name="shift"/> [B] turns (in [-0.5, 0.5]) in HSV; identity on 1
    /// channel.</summary>
    public static Tensor AdjustHue(Tensor images, Tensor shift)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        if (x.shape[1] == 1) return x.clone().MoveToOuterDisposeScope();
        var hsv = ColorSpace.RgbToHsv(x);
        var h = hsv.narrow(1, 0, 1).Add(PerSample(shift, x.device)).RemainderInPlace(1);
        var shifted = cat([h, hsv.narrow(1, 1, 2)], 1);
        return ColorSpace.HsvToRgb(shifted).ClampInPlace(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Luma (ITU-R 601) repeated over the image's C channels; a copy on 1 channel.</summary>
    public static Tensor Grayscale(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        if (x.shape[1] == 1) return x.clone().MoveToOuterDisposeScope();
        return ColorSpace.Luma(x).expand(x.shape).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Grayscale with probability <paramref name="probability"/>, per image; the channel count is
    /// kept.</summary>
    public static Tensor RandomGrayscale(Tensor images, double probability, Generator generator)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        var apply = RandomDraw.Mask(generator, x.shape[0], probability, x.device);
        if (x.shape[1] == 1) return x.clone().MoveToOuterDisposeScope();
        return Choose(apply, ColorSpace.Luma(x), x).MoveToOuterDisposeScope();
    }

    /// <summary>f x + (1 - f) other, clamped, computed as other + f (x - other) to save a pass.</summary>
    static Tensor Blend(Tensor x, Tensor other, Tensor factor) =>
        (x - other).mul_(factor).AddInPlace(other).ClampInPlace(0, 1);
}
